import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { addFact, grantorWithBenefit, makePerson, makeSource } from './fixtures.js'

async function draftOf(tenantId: number, benefitId: number, rule: string) {
  const [row] = await db
    .table('benefit_versions')
    .insert({
      tenant_id: tenantId,
      benefit_id: benefitId,
      version: 2,
      effective_from: '2027-01-01',
      status: 'draft',
      name_lv: 'Seniori',
      name_en: 'Seniors',
      description_lv: '-',
      description_en: '-',
      form: 'free',
      rule,
      author_label: 'test',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
  return Number(row.id ?? row)
}

test.group('Entitlements: what-if of a draft version', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('counts who would gain and lose by municipality and age band', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const source = await makeSource()
    const { benefit } = await grantorWithBenefit(tenant, 'seniors', 'age >= 70')
    const draftId = await draftOf(tenant.id, benefit.id, 'age >= 65 && municipality == "Rīga"')
    const gains = await makePerson('1958-01-01') // 68 on the day, in Rīga
    await addFact(gains.id, source.id, 'residence.municipality', 'Rīga', '2000-01-01')
    const loses = await makePerson('1940-01-01') // 86, in Jūrmala
    await addFact(loses.id, source.id, 'residence.municipality', 'Jūrmala', '2000-01-01')
    const keeps = await makePerson('1945-01-01') // 81, in Rīga
    await addFact(keeps.id, source.id, 'residence.municipality', 'Rīga', '2000-01-01')
    await makePerson('2000-01-01')

    const { user } = await makeMember(tenant, 'analyst')
    const response = await client
      .get(`/staff/entitlements/what-if/${draftId}`)
      .qs({ at: '2026-06-01' })
      .loginAs(user)
    response.assertStatus(200)
    const body = response.body()
    assert.deepInclude(body, { gained: 1, lost: 1 })
    assert.isAtLeast(body.persons, 4)
    assert.sameDeepMembers(body.counts, [
      { municipality: 'Rīga', ageBand: '65+', gained: 1, lost: 0 },
      { municipality: 'Jūrmala', ageBand: '65+', gained: 0, lost: 1 },
    ])
  })

  test('another tenant’s draft is not found and a provider operator is refused', async ({
    client,
  }) => {
    const tenant = await makeTenant()
    const { benefit } = await grantorWithBenefit(tenant, 'seniors', 'age >= 70')
    const draftId = await draftOf(tenant.id, benefit.id, 'age >= 65')
    const other = await makeTenant()
    const { user } = await makeMember(other, 'tenant_admin')
    const response = await client.get(`/staff/entitlements/what-if/${draftId}`).loginAs(user)
    response.assertStatus(404)
    const { user: operator } = await makeMember(tenant, 'provider_operator')
    const refused = await client.get(`/staff/entitlements/what-if/${draftId}`).loginAs(operator)
    refused.assertStatus(403)
  })

  test('a malformed date is refused', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .get('/staff/entitlements/what-if/1')
      .qs({ at: 'tomorrow' })
      .header('Accept', 'application/json')
      .loginAs(user)
    response.assertStatus(422)
  })
})
