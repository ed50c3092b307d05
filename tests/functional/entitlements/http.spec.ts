import { test } from '@japa/runner'
import { buildOldPersonalCode } from '#registers/personal_code'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { addDays } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { addFact, fullRun, grantorWithBenefit, makePerson, makeSource } from './fixtures.js'

/** A grantor with a disability benefit, one entitled and one non-entitled person. */
async function world() {
  const today = todayInRiga()
  const tenant = await makeTenant()
  const source = await makeSource('vdeava')
  const { benefit } = await grantorWithBenefit(
    tenant,
    'disability',
    'fact("disability.group") in ["I", "II"] && age >= 18'
  )
  const entitled = await makePerson('1970-02-02')
  await addFact(entitled.id, source.id, 'disability.group', 'II', '2018-01-01')
  const refused = await makePerson('1980-03-03')
  await addFact(refused.id, source.id, 'disability.group', 'III', '2019-05-01')
  await fullRun()
  return { today, tenant, benefit, entitled, refused }
}

test.group('Entitlements: staff explanations', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('a benefit manager finds a person by code and sees this grantor’s entitlements, audited', async ({
    client,
    assert,
  }) => {
    const { tenant, entitled } = await world()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const search = await client
      .post('/staff/entitlements/search')
      .json({ personalCode: entitled.code })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    search.assertStatus(302)
    assert.equal(search.header('location'), `/staff/entitlements/persons/${entitled.id}`)

    const page = await client
      .get(`/staff/entitlements/persons/${entitled.id}`)
      .loginAs(user)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as any
    assert.lengthOf(props.entitlements, 1)
    assert.equal(props.entitlements[0].benefitCode, 'disability')
    const audit = await db
      .from('audit_logs')
      .where('action', 'entitlements.person.viewed')
      .where('subject_id', String(entitled.id))
      .first()
    assert.equal(audit.tenant_id, tenant.id)
    assert.equal(audit.actor_user_id, user.id)
  })

  test('the explanation of a negative result names the failing condition and its fact', async ({
    client,
    assert,
  }) => {
    const { tenant, refused } = await world()
    const { user } = await makeMember(tenant, 'auditor')
    const page = await client
      .get(`/staff/entitlements/persons/${refused.id}/benefits/disability`)
      .loginAs(user)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as any
    assert.isFalse(props.entitled)
    assert.isFalse(props.ruleHolds)
    const [groupCondition, ageCondition] = props.explanation.children
    assert.equal(groupCondition.value, false)
    assert.deepInclude(groupCondition.facts[0], {
      attribute: 'disability.group',
      value: 'III',
      from: '2019-05-01',
      source: 'vdeava',
    })
    assert.equal(ageCondition.value, true)
    const audits = await db.from('audit_logs').where('action', 'entitlements.person.viewed')
    assert.isAtLeast(audits.length, 1)
  })

  test('every personal-code lookup is audited, found or not, before the answer', async ({
    client,
    assert,
  }) => {
    const { tenant, entitled } = await world()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const unknown = buildOldPersonalCode(1991, 9, 19, 987)
    for (const personalCode of [entitled.code, unknown]) {
      const search = await client
        .post('/staff/entitlements/search')
        .json({ personalCode })
        .loginAs(user)
        .withCsrfToken()
        .redirects(0)
      search.assertStatus(302)
    }
    const rows = await db
      .from('audit_logs')
      .where('action', 'entitlements.person.searched')
      .orderBy('id')
      .select('tenant_id', 'actor_user_id', 'subject_id', 'metadata')
    assert.deepEqual(
      rows.map((row) => [row.tenant_id, row.actor_user_id, row.subject_id, row.metadata.found]),
      [
        [tenant.id, user.id, String(entitled.id), true],
        [tenant.id, user.id, null, false],
      ]
    )
    assert.notInclude(JSON.stringify(rows), unknown, 'the code itself is not written down')
  })

  test('an invalid personal code is refused with a field error', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/entitlements/search')
      .json({ personalCode: '12345' })
      .header('Accept', 'application/json')
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('roles without access to personal data are refused', async ({ client }) => {
    const { tenant, entitled } = await world()
    const { user } = await makeMember(tenant, 'analyst')
    const response = await client
      .get(`/staff/entitlements/persons/${entitled.id}`)
      .loginAs(user)
      .withInertia()
    response.assertStatus(403)
  })

  test('another tenant’s staff get 404 for the explanation of a benefit that is not theirs', async ({
    client,
    assert,
  }) => {
    const { entitled } = await world()
    const other = await makeTenant()
    const { user } = await makeMember(other, 'tenant_admin')
    const response = await client
      .get(`/staff/entitlements/persons/${entitled.id}/benefits/disability`)
      .loginAs(user)
      .withInertia()
    response.assertStatus(404)
    const list = await client
      .get(`/staff/entitlements/persons/${entitled.id}`)
      .loginAs(user)
      .withInertia()
    assert.deepEqual((list.inertiaProps as any).entitlements, [])
  })

  test('a manual revocation is recorded, audited and applied at once', async ({
    client,
    assert,
  }) => {
    const { tenant, entitled, today } = await world()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const response = await client
      .post(`/staff/entitlements/persons/${entitled.id}/decisions`)
      .json({
        benefitCode: 'disability',
        kind: 'revoke',
        validFrom: today,
        validTo: addDays(today, 30),
        reason: 'Documents under review',
      })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const rows = await db
      .from('entitlements')
      .where('person_id', entitled.id)
      .whereNull('ended_at')
      .orderBy('valid_from')
      .select(db.raw('valid_from::text AS f'), db.raw('valid_to::text AS t'))
    assert.deepEqual(
      rows.map((r) => r.t),
      [addDays(today, -1), null]
    )
    assert.equal(rows[1].f, addDays(today, 31))
    assert.exists(
      await db.from('audit_logs').where('action', 'entitlements.decision.revoked').first()
    )
  })

  test('the operator starts a full run and sees its progress', async ({ client, assert }) => {
    await world()
    const operator = await makeOperator()
    const response = await client
      .post('/operator/entitlement-runs')
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const { default: app } = await import('@adonisjs/core/services/app')
    const queue = await app.container.make('queue')
    await queue.drain()
    const page = await client.get('/operator/entitlement-runs').loginAs(operator).withInertia()
    page.assertStatus(200)
    const [run] = (page.inertiaProps as any).runs
    assert.equal(run.status, 'finished')
    assert.equal(run.chunksDone, run.chunksTotal)
  })
})

test.group('Entitlements: grantor API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('lists the person’s entitlements of the client’s tenant valid on a day, audited', async ({
    client,
    assert,
  }) => {
    const { tenant, entitled } = await world()
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
    const response = await client
      .get('/api/v1/entitlements')
      .qs({ personal_code: entitled.code })
      .header('Authorization', await bearerFor(apiClient))
    response.assertStatus(200)
    assert.lengthOf(response.body().data, 1)
    assert.deepInclude(response.body().data[0], {
      benefit: 'disability',
      source: 'rule',
      valid_to: null,
    })
    const past = await client
      .get('/api/v1/entitlements')
      .qs({ personal_code: entitled.code, at: '2000-01-01' })
      .header('Authorization', await bearerFor(apiClient))
    assert.deepEqual(past.body().data, [])
    assert.exists(
      await db
        .from('audit_logs')
        .where('action', 'entitlements.person.viewed')
        .where('actor_label', `api:${apiClient.clientId}`)
        .first()
    )
  })

  test('explains a negative result', async ({ client, assert }) => {
    const { tenant, refused } = await world()
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
    const response = await client
      .get('/api/v1/entitlements/explain')
      .qs({ personal_code: refused.code, benefit: 'disability' })
      .header('Authorization', await bearerFor(apiClient))
    response.assertStatus(200)
    assert.isFalse(response.body().data.entitled)
    assert.equal(response.body().data.explanation.children[0].facts[0].value, 'III')
  })

  test('answers 401 without a token and 403 without the scope', async ({ client }) => {
    const tenant = await makeTenant()
    const anonymous = await client.get('/api/v1/entitlements').qs({ personal_code: '161175-19997' })
    anonymous.assertStatus(401)
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['catalogue:read'] })
    const response = await client
      .get('/api/v1/entitlements')
      .qs({ personal_code: '161175-19997' })
      .header('Authorization', await bearerFor(apiClient))
    response.assertStatus(403)
  })

  test('refuses a malformed personal code with a field error', async ({ client }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
    const response = await client
      .get('/api/v1/entitlements')
      .qs({ personal_code: 'abc' })
      .header('Authorization', await bearerFor(apiClient))
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'personal_code' }] })
  })

  test('another tenant’s client sees no entitlements and gets 404 for the explanation', async ({
    client,
    assert,
  }) => {
    const { entitled } = await world()
    const other = await makeTenant()
    const { client: apiClient } = await makeApiClient(other, { scopes: ['entitlements:read'] })
    const list = await client
      .get('/api/v1/entitlements')
      .qs({ personal_code: entitled.code })
      .header('Authorization', await bearerFor(apiClient))
    list.assertStatus(200)
    assert.deepEqual(list.body().data, [])
    const explain = await client
      .get('/api/v1/entitlements/explain')
      .qs({ personal_code: entitled.code, benefit: 'disability' })
      .header('Authorization', await bearerFor(apiClient))
    explain.assertStatus(404)
  })

  test('is described in the OpenAPI document', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    assert.properties(response.body().paths, ['/entitlements', '/entitlements/explain'])
  })
})
