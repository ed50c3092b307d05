import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Contract from '#catalogue/models/contract'
import Service from '#catalogue/models/service'
import BenefitVersion from '#catalogue/models/benefit_version'
import CreateBenefit from '#catalogue/actions/create_benefit'
import { isCoveredByContract } from '#catalogue/queries/is_covered_by_contract'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { JSON_HEADERS, draft } from './fixtures.js'

async function world() {
  const grantor = await makeTenant({ name: 'Rīga', kind: 'municipality' })
  const provider = await makeTenant({ name: 'Rīgas satiksme', kind: 'service_provider' })
  const stranger = await makeTenant({ name: 'Cits', kind: 'municipality' })
  const { user: grantorManager } = await makeMember(grantor, 'benefit_manager')
  const { user: grantorAdmin } = await makeMember(grantor, 'tenant_admin')
  const { user: providerAdmin } = await makeMember(provider, 'tenant_admin')
  const { user: providerOperator } = await makeMember(provider, 'provider_operator')
  const { user: strangerAdmin } = await makeMember(stranger, 'tenant_admin')
  const { benefit, version } = await new CreateBenefit().handle({
    tenant: grantor,
    code: 'riga.seniors',
    data: draft(),
    actor: { userId: grantorManager.id, label: grantorManager.email },
  })
  return {
    grantor,
    provider,
    stranger,
    grantorManager,
    grantorAdmin,
    providerAdmin,
    providerOperator,
    strangerAdmin,
    benefit,
    version,
  }
}

async function addService(client: any, user: any, code: string) {
  const response = await client
    .post('/staff/catalogue/services')
    .json({ code, nameLv: 'Biļete', nameEn: 'Ticket', sector: 'transport', basePriceCents: 150 })
    .loginAs(user)
    .withCsrfToken()
    .redirects(0)
  response.assertStatus(302)
  return Service.findByOrFail('code', code)
}

test.group('Catalogue: services and contracts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a provider defines services; bad input and other roles are refused', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const service = await addService(client, w.providerOperator, 'rs.single')
    assert.equal(service.tenantId, w.provider.id)
    assert.equal(service.basePriceCents, 150)

    const bad = await client
      .post('/staff/catalogue/services')
      .json({ code: 'rs.bad', nameLv: 'B', nameEn: '', sector: 'space', basePriceCents: -1 })
      .headers(JSON_HEADERS)
      .loginAs(w.providerAdmin)
      .withCsrfToken()
    bad.assertStatus(422)
    const analystTenant = await makeTenant()
    const { user: analyst } = await makeMember(analystTenant, 'analyst')
    const denied = await client
      .post('/staff/catalogue/services')
      .json({ code: 'x.y', nameLv: 'Xx', nameEn: 'Xx', sector: 'transport', basePriceCents: 1 })
      .headers(JSON_HEADERS)
      .loginAs(analyst)
      .withCsrfToken()
    denied.assertStatus(403)
  })

  test('a grantor proposes, only the provider admin accepts, and the benefit is then covered', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const single = await addService(client, w.providerAdmin, 'rs.single')
    const monthly = await addService(client, w.providerAdmin, 'rs.monthly')

    const propose = await client
      .post('/staff/catalogue/contracts')
      .json({
        reference: 'RIGA-RS-1',
        providerTenantId: w.provider.id,
        benefitIds: [w.benefit.id],
        serviceIds: [single.id],
        validFrom: '2026-01-01',
        validTo: null,
        compensationMethod: 'share_of_price',
        sharePercent: 50,
        monthlyCapCents: 100000,
      })
      .loginAs(w.grantorManager)
      .withCsrfToken()
      .redirects(0)
    propose.assertStatus(302)
    const contract = await Contract.findByOrFail('reference', 'RIGA-RS-1')
    assert.equal(contract.status, 'proposed')
    assert.deepEqual(contract.compensationParams, { sharePercent: 50 })

    const version = await BenefitVersion.findOrFail(w.version.id)
    assert.isFalse(await isCoveredByContract(version, single, w.provider, '2026-03-01'))

    // The grantor cannot accept its own proposal; the provider's operator lacks the right;
    // a third tenant does not even see it.
    const byGrantor = await client
      .post(`/staff/catalogue/contracts/${contract.id}/accept`)
      .headers(JSON_HEADERS)
      .loginAs(w.grantorAdmin)
      .withCsrfToken()
    byGrantor.assertStatus(404)
    const byOperator = await client
      .post(`/staff/catalogue/contracts/${contract.id}/accept`)
      .headers(JSON_HEADERS)
      .loginAs(w.providerOperator)
      .withCsrfToken()
    byOperator.assertStatus(403)
    const byStranger = await client
      .post(`/staff/catalogue/contracts/${contract.id}/accept`)
      .headers(JSON_HEADERS)
      .loginAs(w.strangerAdmin)
      .withCsrfToken()
    byStranger.assertStatus(404)

    const accept = await client
      .post(`/staff/catalogue/contracts/${contract.id}/accept`)
      .loginAs(w.providerAdmin)
      .withCsrfToken()
      .redirects(0)
    accept.assertStatus(302)
    await contract.refresh()
    assert.equal(contract.status, 'accepted')
    assert.equal(contract.respondedBy, w.providerAdmin.id)

    assert.isTrue(await isCoveredByContract(version, single, w.provider, '2026-03-01'))
    assert.isFalse(await isCoveredByContract(version, monthly, w.provider, '2026-03-01'))
    assert.isFalse(await isCoveredByContract(version, single, w.provider, '2025-12-31'))
    assert.isFalse(await isCoveredByContract(version, single, w.stranger, '2026-03-01'))

    const again = await client
      .post(`/staff/catalogue/contracts/${contract.id}/reject`)
      .headers(JSON_HEADERS)
      .loginAs(w.providerAdmin)
      .withCsrfToken()
    again.assertStatus(422)
  })

  test('each side sees only its own contracts', async ({ client, assert }) => {
    const w = await world()
    const single = await addService(client, w.providerAdmin, 'rs.single')
    await client
      .post('/staff/catalogue/contracts')
      .json({
        reference: 'RIGA-RS-2',
        providerTenantId: w.provider.id,
        benefitIds: [w.benefit.id],
        serviceIds: [single.id],
        validFrom: '2026-01-01',
        compensationMethod: 'full_difference',
      })
      .loginAs(w.grantorManager)
      .withCsrfToken()
      .redirects(0)
    const grantorView = await client
      .get('/staff/catalogue/contracts')
      .loginAs(w.grantorAdmin)
      .withInertia()
    assert.deepEqual(
      grantorView.inertiaProps.asGrantor.map((c: { reference: string }) => c.reference),
      ['RIGA-RS-2']
    )
    const providerView = await client
      .get('/staff/catalogue/contracts')
      .loginAs(w.providerOperator)
      .withInertia()
    assert.deepEqual(
      providerView.inertiaProps.asProvider.map((c: { reference: string }) => c.reference),
      ['RIGA-RS-2']
    )
    assert.isFalse(providerView.inertiaProps.canRespond)
    const strangerView = await client
      .get('/staff/catalogue/contracts')
      .loginAs(w.strangerAdmin)
      .withInertia()
    assert.deepEqual(strangerView.inertiaProps.asGrantor, [])
    assert.deepEqual(strangerView.inertiaProps.asProvider, [])
  })

  test("a proposal with another tenant's benefit or service, or to a non-provider, is refused", async ({
    client,
    assert,
  }) => {
    const w = await world()
    const single = await addService(client, w.providerAdmin, 'rs.single')
    const { benefit: foreign } = await new CreateBenefit().handle({
      tenant: w.stranger,
      code: 'other.benefit',
      data: draft(),
      actor: { userId: w.strangerAdmin.id, label: w.strangerAdmin.email },
    })
    const attempts = [
      { benefitIds: [foreign.id], serviceIds: [single.id], providerTenantId: w.provider.id },
      { benefitIds: [w.benefit.id], serviceIds: [single.id], providerTenantId: w.stranger.id },
      { benefitIds: [w.benefit.id], serviceIds: [999999], providerTenantId: w.provider.id },
    ]
    for (const attempt of attempts) {
      const response = await client
        .post('/staff/catalogue/contracts')
        .json({
          reference: `R-${Math.random()}`,
          validFrom: '2026-01-01',
          compensationMethod: 'full_difference',
          ...attempt,
        })
        .headers(JSON_HEADERS)
        .loginAs(w.grantorManager)
        .withCsrfToken()
      response.assertStatus(422)
    }
    assert.lengthOf(await Contract.all(), 0)
  })

  test('an analyst may not propose a contract', async ({ client }) => {
    const w = await world()
    const { user: analyst } = await makeMember(w.grantor, 'analyst')
    const response = await client
      .post('/staff/catalogue/contracts')
      .json({ reference: 'X-1' })
      .headers(JSON_HEADERS)
      .loginAs(analyst)
      .withCsrfToken()
    response.assertStatus(403)
  })
})
