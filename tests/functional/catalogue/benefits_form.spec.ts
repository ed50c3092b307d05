import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import RuleScenario from '#catalogue/models/rule_scenario'
import AuditLog from '#platform/audit/audit_log'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { JSON_HEADERS, draft, restoreEngine, useAgeEngine } from './fixtures.js'

test.group('Catalogue: creating and editing benefits', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => restoreEngine())

  test('a benefit manager creates a draft benefit with scenarios that run on save', async ({
    client,
    assert,
  }) => {
    useAgeEngine()
    const tenant = await makeTenant({ name: 'Rīga' })
    const { user } = await makeMember(tenant, 'benefit_manager')
    const response = await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'riga.Seniors', ...draft() })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)

    const benefit = await Benefit.query().where('tenant_id', tenant.id).firstOrFail()
    assert.equal(benefit.code, 'riga.seniors')
    response.assertHeader('location', `/staff/catalogue/benefits/${benefit.id}`)
    const version = await BenefitVersion.query().where('benefit_id', benefit.id).firstOrFail()
    assert.equal(version.status, 'draft')
    assert.equal(version.version, 1)
    assert.equal(version.effectiveFrom, '2026-01-01')
    assert.deepEqual(version.municipalities, ['Rīga'])
    assert.equal(version.authorId, user.id)
    assert.isTrue(version.scenariosPassed)
    assert.lengthOf(version.scenarioResults!, 2)
    assert.lengthOf(await RuleScenario.query().where('version_id', version.id), 2)
    const audit = await AuditLog.query()
      .where('action', 'catalogue.benefit.created')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.equal(audit.actorUserId, user.id)
  })

  test('a draft with missing names or a bad value is refused with field errors', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'x', ...draft({ nameLv: '', form: 'percent', value: 150 }) })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field)
    assert.include(fields, 'nameLv')
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)
  })

  test('a percent above 100 is refused even when the schema passes', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'x', ...draft({ form: 'percent', value: 150 }) })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'value' }] })
  })

  for (const [title, rule, fragment] of [
    ['an unknown identifier (a typo)', 'agge >= 65', 'agge'],
    ['an unknown attribute', 'fact("disability.grop") == "I"', 'disability.grop'],
    ['a syntax error', 'age >= 65 &&', ''],
    ['an unknown group', 'in_group("nobody")', 'nobody'],
  ] as const) {
    test(`a rule with ${title} is not saved and the error names line and column`, async ({
      client,
      assert,
    }) => {
      const tenant = await makeTenant()
      const { user } = await makeMember(tenant, 'benefit_manager')
      const response = await client
        .post('/staff/catalogue/benefits')
        .json({ code: 'typo', ...draft({ rule }) })
        .headers({ ...JSON_HEADERS, 'Accept-Language': 'en' })
        .loginAs(user)
        .withCsrfToken()
      response.assertStatus(422)
      const ruleErrors = response
        .body()
        .errors.filter((e: { field: string }) => e.field === 'rule')
        .map((e: { message: string }) => e.message)
      assert.isAbove(ruleErrors.length, 0)
      assert.match(ruleErrors[0], /^(Line \d+|\d+\. rinda)/)
      assert.include(ruleErrors[0], fragment)
      assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)
    })
  }

  test('a scenario fact with an unknown attribute or an invalid value is refused', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const data = draft()
    data.scenarios![0].persons[0].facts = [
      { attribute: 'disability.group', value: 'IV', from: '2020-01-01', to: null },
      { attribute: 'no.such', value: 'x', from: '2020-01-01', to: null },
    ]
    const response = await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'facts', ...data })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field)
    assert.includeMembers(fields, [
      'scenarios.0.persons.0.facts.0.value',
      'scenarios.0.persons.0.facts.1.attribute',
    ])
  })

  test('a benefit code is unique within the tenant but not across tenants', async ({ client }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const { user: stranger } = await makeMember(other, 'benefit_manager')
    for (const [who, status] of [
      [user, 302],
      [user, 422],
      [stranger, 302],
    ] as const) {
      const response = await client
        .post('/staff/catalogue/benefits')
        .json({ code: 'same.code', ...draft() })
        .headers(JSON_HEADERS)
        .loginAs(who)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(status)
    }
  })

  test('an analyst sees the catalogue but may not create a benefit', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const list = await client.get('/staff/catalogue/benefits').loginAs(user).withInertia()
    list.assertStatus(200)
    list.assertInertiaComponent('catalogue/benefits_index')
    list.assertInertiaPropsContains({ canManage: false })
    const form = await client.get('/staff/catalogue/benefits/new').loginAs(user)
    form.assertStatus(403)
    const response = await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'nope', ...draft() })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(403)
  })

  test('a provider operator cannot see the catalogue', async ({ client }) => {
    const tenant = await makeTenant({ kind: 'service_provider' })
    const { user } = await makeMember(tenant, 'provider_operator')
    const response = await client.get('/staff/catalogue/benefits').loginAs(user)
    response.assertStatus(403)
  })

  test("the list shows only the tenant's own benefits, and another tenant's is a 404", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const { user: stranger } = await makeMember(other, 'benefit_manager')
    await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'mine', ...draft() })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'theirs', ...draft() })
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    const list = await client.get('/staff/catalogue/benefits').loginAs(user).withInertia()
    assert.deepEqual(
      list.inertiaProps.benefits.map((b: { code: string }) => b.code),
      ['mine']
    )

    const theirs = await Benefit.findByOrFail('code', 'theirs')
    const version = await BenefitVersion.findByOrFail('benefit_id', theirs.id)
    const show = await client.get(`/staff/catalogue/benefits/${theirs.id}`).loginAs(user)
    show.assertStatus(404)
    const edit = await client.get(`/staff/catalogue/versions/${version.id}/edit`).loginAs(user)
    edit.assertStatus(404)
    const update = await client
      .put(`/staff/catalogue/versions/${version.id}`)
      .json(draft({ nameLv: 'Pārņemts' }))
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    update.assertStatus(404)
    for (const step of ['submit', 'publish', 'suspend', 'archive']) {
      const response = await client
        .post(`/staff/catalogue/versions/${version.id}/${step}`)
        .headers(JSON_HEADERS)
        .loginAs(user)
        .withCsrfToken()
      response.assertStatus(404)
    }
    await version.refresh()
    assert.equal(version.nameLv, 'Seniori brauc bez maksas')
    assert.equal(version.status, 'draft')
  })

  test('the draft is edited in the unified form and saved again', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    await client
      .post('/staff/catalogue/benefits')
      .json({ code: 'edit.me', ...draft() })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    const version = await BenefitVersion.query().where('tenant_id', tenant.id).firstOrFail()
    const page = await client
      .get(`/staff/catalogue/versions/${version.id}/edit`)
      .loginAs(user)
      .withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('catalogue/benefit_form')
    assert.equal(page.inertiaProps.version.rule, 'age >= 65')
    assert.isTrue(
      page.inertiaProps.options.attributes.some(
        (a: { key: string }) => a.key === 'disability.group'
      )
    )

    const response = await client
      .put(`/staff/catalogue/versions/${version.id}`)
      .json(draft({ rule: 'age >= 70', specificDates: ['11-18'], form: 'percent', value: 50 }))
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await version.refresh()
    assert.equal(version.rule, 'age >= 70')
    assert.deepEqual(version.specificDates, ['11-18'])
    assert.equal(version.value, 50)
  })
})
