import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import AuditLog from '#platform/audit/audit_log'
import CreateBenefit from '#catalogue/actions/create_benefit'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import { toApi } from '#catalogue/controllers/api/api_context'
import type { ApiScope } from '#platform/api/scopes'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { draft, publishedBenefit } from './fixtures.js'

const READ_WRITE: ApiScope[] = ['catalogue:read', 'catalogue:write']

/** A benefit as an API client sends it (snake_case). */
function body(overrides: Record<string, unknown> = {}) {
  return { ...(toApi(draft()) as Record<string, unknown>), code: 'ogre.seniors', ...overrides }
}

async function setup() {
  const tenant = await makeTenant({ name: 'Ogres novads' })
  const { client } = await makeApiClient(tenant, { scopes: READ_WRITE, name: 'Ogre ERP' })
  const { client: colleague } = await makeApiClient(tenant, {
    scopes: READ_WRITE,
    name: 'Ogre review desk',
  })
  return { tenant, client, token: await bearerFor(client), colleague: await bearerFor(colleague) }
}

test.group('Catalogue API: reading', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("GET /api/v1/benefits lists only the client's tenant's benefits, in snake_case", async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    const other = await makeTenant({ name: 'Cēsu novads' })
    for (const owner of [tenant, other]) {
      const { user: author } = await makeMember(owner, 'benefit_manager')
      const { user: publisher } = await makeMember(owner, 'tenant_admin')
      await publishedBenefit(owner, author, publisher, `seniors.${owner.id}`)
    }

    const response = await http.get('/api/v1/benefits').header('Authorization', token)
    response.assertStatus(200)
    const { data: benefits } = response.body()
    assert.lengthOf(benefits, 1)
    assert.equal(benefits[0].code, `seniors.${tenant.id}`)
    assert.equal(benefits[0].name_en, 'Seniors travel free')
    assert.equal(benefits[0].latest_status, 'published')
    assert.equal(benefits[0].versions[0].effective_from, '2026-01-01')
  })

  test('GET /api/v1/benefits/:code answers the benefit with its versions, rule and scenarios', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    const { user: author } = await makeMember(tenant, 'benefit_manager')
    const { user: publisher } = await makeMember(tenant, 'tenant_admin')
    await publishedBenefit(tenant, author, publisher, 'ogre.seniors')

    const response = await http.get('/api/v1/benefits/ogre.seniors').header('Authorization', token)
    response.assertStatus(200)
    const { benefit, versions } = response.body().data
    assert.equal(benefit.code, 'ogre.seniors')
    assert.lengthOf(versions, 1)
    assert.equal(versions[0].status, 'published')
    assert.equal(versions[0].rule, 'age >= 65')
    assert.equal(versions[0].published_by_label, publisher.email)
    assert.equal(versions[0].scenarios[0].persons[0].birth_date, '1950-01-01')
    assert.isTrue(versions[0].scenarios_passed)
  })

  test("another tenant's benefit is not found (404), whatever the step", async ({
    client: http,
  }) => {
    const { token } = await setup()
    const other = await makeTenant({ name: 'Cēsu novads' })
    const { user: author } = await makeMember(other, 'benefit_manager')
    const { user: publisher } = await makeMember(other, 'tenant_admin')
    await publishedBenefit(other, author, publisher, 'cesis.seniors')

    const requests = [
      http.get('/api/v1/benefits/cesis.seniors'),
      http.patch('/api/v1/benefits/cesis.seniors/draft').json({ name_en: 'Taken over' }),
      http.post('/api/v1/benefits/cesis.seniors/versions').json({ effective_from: '2027-01-01' }),
      http.post('/api/v1/benefits/cesis.seniors/submit'),
      http.post('/api/v1/benefits/cesis.seniors/publish'),
    ]
    for (const request of requests) {
      const response = await request.header('Authorization', token)
      response.assertStatus(404)
      response.assertBodyContains({ errors: [{ code: 'not_found' }] })
    }
  })

  test('every catalogue endpoint answers 401 without a bearer token', async ({ client: http }) => {
    const requests = [
      http.get('/api/v1/benefits'),
      http.get('/api/v1/benefits/x'),
      http.post('/api/v1/benefits').json(body()),
      http.patch('/api/v1/benefits/x/draft').json({}),
      http.post('/api/v1/benefits/x/versions').json({}),
      http.post('/api/v1/benefits/x/submit'),
      http.post('/api/v1/benefits/x/publish'),
    ]
    for (const request of requests) {
      const response = await request
      response.assertStatus(401)
      response.assertBodyContains({ errors: [{ code: 'unauthorized' }] })
    }
  })

  test('a read-only client may read but not write (403), a write-only one may not read', async ({
    client: http,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: reader } = await makeApiClient(tenant, { scopes: ['catalogue:read'] })
    const { client: writer } = await makeApiClient(tenant, { scopes: ['catalogue:write'] })
    const readToken = await bearerFor(reader)
    const writeToken = await bearerFor(writer)

    const read = await http.get('/api/v1/benefits').header('Authorization', readToken)
    read.assertStatus(200)
    const writes = [
      http.post('/api/v1/benefits').json(body()),
      http.patch('/api/v1/benefits/x/draft').json({}),
      http.post('/api/v1/benefits/x/versions').json({}),
      http.post('/api/v1/benefits/x/submit'),
      http.post('/api/v1/benefits/x/publish'),
    ]
    for (const request of writes) {
      const response = await request.header('Authorization', readToken)
      response.assertStatus(403)
      response.assertBodyContains({ errors: [{ code: 'forbidden' }] })
    }
    for (const path of ['/api/v1/benefits', '/api/v1/benefits/x']) {
      const response = await http.get(path).header('Authorization', writeToken)
      response.assertStatus(403)
    }
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)
  })
})

test.group('Catalogue API: drafts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('POST /api/v1/benefits creates a draft authored and audited as the API client', async ({
    client: http,
    assert,
  }) => {
    const { tenant, client, token } = await setup()
    const response = await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    response.assertStatus(201)
    const { benefit, versions } = response.body().data
    assert.equal(benefit.code, 'ogre.seniors')
    assert.equal(versions[0].status, 'draft')
    assert.equal(versions[0].author_label, `api_client:${client.clientId}`)
    assert.isNull(versions[0].author_id)
    assert.isTrue(versions[0].scenarios_passed)

    const audit = await AuditLog.query()
      .where('tenant_id', tenant.id)
      .where('action', 'catalogue.benefit.created')
      .firstOrFail()
    assert.equal(audit.actorLabel, `api_client:${client.clientId}`)
    assert.isNull(audit.actorUserId)
  })

  test('missing and malformed fields answer 422 with one snake_case field error each', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    const response = await http
      .post('/api/v1/benefits')
      .header('Authorization', token)
      .json(body({ name_lv: undefined, effective_from: '1 January', code: 'Not a code!' }))
    response.assertStatus(422)
    const errors = response.body().errors as { code: string; field: string; rule: string }[]
    assert.includeMembers(
      errors.map((e) => e.field),
      ['name_lv', 'effective_from', 'code']
    )
    assert.isTrue(errors.every((e) => e.code === 'validation_failed'))
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)
  })

  test('a rule comparing age with a string answers 422 with its line and column, nothing saved', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    const response = await http
      .post('/api/v1/benefits')
      .header('Authorization', token)
      .header('Accept-Language', 'en')
      .json(body({ rule: 'age >= "65"' }))
    response.assertStatus(422)
    const [error] = response.body().errors
    assert.equal(error.field, 'rule')
    assert.equal(error.code, 'validation_failed')
    assert.equal(error.line, 1)
    assert.isAbove(error.column, 0)
    assert.match(error.message, /^Line 1, column \d+:/)
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)
  })

  test('an unknown attribute, a typo and an unknown group are each reported on the rule', async ({
    client: http,
    assert,
  }) => {
    const { token } = await setup()
    for (const rule of ['shoe.size == "42"', 'age >= 65 &&', 'in_group("no_such_group")']) {
      const response = await http
        .post('/api/v1/benefits')
        .header('Authorization', token)
        .json(body({ rule }))
      response.assertStatus(422)
      const errors = response.body().errors as { field: string; line?: number }[]
      assert.isTrue(
        errors.some((e) => e.field === 'rule' && typeof e.line === 'number'),
        `${rule}: ${JSON.stringify(errors)}`
      )
    }
  })

  test('a code already used in the tenant answers 422 on code', async ({ client: http }) => {
    const { token } = await setup()
    const first = await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    first.assertStatus(201)
    const again = await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    again.assertStatus(422)
    again.assertBodyContains({
      errors: [{ field: 'code', code: 'validation_failed', rule: 'uniqueInTenant' }],
    })
  })

  test('PATCH /draft changes only the fields sent and reruns the scenarios', async ({
    client: http,
    assert,
  }) => {
    const { tenant, client, token } = await setup()
    await http.post('/api/v1/benefits').header('Authorization', token).json(body())

    const response = await http
      .patch('/api/v1/benefits/ogre.seniors/draft')
      .header('Authorization', token)
      .json({ name_en: 'Seniors ride free', rule: 'age >= 70' })
    response.assertStatus(200)
    const [version] = response.body().data.versions
    assert.equal(version.name_en, 'Seniors ride free')
    assert.equal(version.name_lv, 'Seniori brauc bez maksas')
    assert.equal(version.rule, 'age >= 70')
    assert.lengthOf(version.scenarios, 2)
    assert.isTrue(version.scenarios_passed)

    const audit = await AuditLog.query()
      .where('tenant_id', tenant.id)
      .where('action', 'catalogue.version.updated')
      .firstOrFail()
    assert.equal(audit.actorLabel, `api_client:${client.clientId}`)
  })

  test('PATCH /draft with a bad rule answers 422 and keeps the draft as it was', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    const response = await http
      .patch('/api/v1/benefits/ogre.seniors/draft')
      .header('Authorization', token)
      .json({ rule: 'age >= "65"', priority: 'high' })
    response.assertStatus(422)
    assert.includeMembers(
      (response.body().errors as { field: string }[]).map((e) => e.field),
      ['priority']
    )
    const rule = await http
      .patch('/api/v1/benefits/ogre.seniors/draft')
      .header('Authorization', token)
      .json({ rule: 'age >= "65"' })
    rule.assertStatus(422)
    rule.assertBodyContains({ errors: [{ field: 'rule', line: 1 }] })
    const version = await BenefitVersion.query().where('tenant_id', tenant.id).firstOrFail()
    assert.equal(version.rule, 'age >= 65')
  })
})

test.group('Catalogue API: workflow', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the creating client submits but cannot publish; another client publishes (four eyes)', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token, colleague } = await setup()
    await http.post('/api/v1/benefits').header('Authorization', token).json(body())

    const submit = await http
      .post('/api/v1/benefits/ogre.seniors/submit')
      .header('Authorization', token)
    submit.assertStatus(200)
    assert.equal(submit.body().data.versions[0].status, 'in_review')

    const again = await http
      .post('/api/v1/benefits/ogre.seniors/submit')
      .header('Authorization', token)
    again.assertStatus(409)
    again.assertBodyContains({ errors: [{ code: 'not_draft' }] })

    const own = await http
      .post('/api/v1/benefits/ogre.seniors/publish')
      .header('Authorization', token)
      .header('Accept-Language', 'en')
    own.assertStatus(409)
    own.assertBodyContains({ errors: [{ code: 'four_eyes', field: 'status' }] })
    assert.match(own.body().errors[0].message, /colleague/)

    const publish = await http
      .post('/api/v1/benefits/ogre.seniors/publish')
      .header('Authorization', colleague)
    publish.assertStatus(200)
    const [version] = publish.body().data.versions
    assert.equal(version.status, 'published')
    assert.match(version.published_by_label, /^api_client:atv_/)
    assert.notEqual(version.published_by_label, version.author_label)

    const actions = await AuditLog.query()
      .where('tenant_id', tenant.id)
      .where('subject_type', 'benefit_version')
      .orderBy('id')
    assert.deepEqual(
      actions.map((row) => row.action),
      ['catalogue.version.submitted', 'catalogue.version.published']
    )
    assert.equal(actions[1].actorLabel, version.published_by_label)
  })

  test('a staff member may publish what an API client wrote, and a client what staff wrote', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token } = await setup()
    const { user: author } = await makeMember(tenant, 'benefit_manager')
    await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    await http.post('/api/v1/benefits/ogre.seniors/submit').header('Authorization', token)
    const version = await BenefitVersion.query().where('tenant_id', tenant.id).firstOrFail()

    const staff = await http
      .post(`/staff/catalogue/versions/${version.id}/publish`)
      .loginAs(author)
      .withCsrfToken()
      .redirects(0)
    staff.assertStatus(302)
    await version.refresh()
    assert.equal(version.status, 'published')
    assert.equal(version.publishedBy, author.id)

    const { version: staffDraft } = await new CreateBenefit().handle({
      tenant,
      code: 'ogre.pupils',
      data: draft(),
      actor: { userId: author.id, label: author.email },
    })
    await new SubmitBenefitVersion().handle({
      tenantId: tenant.id,
      versionId: staffDraft.id,
      actor: { userId: author.id, label: author.email },
    })
    const byClient = await http
      .post('/api/v1/benefits/ogre.pupils/publish')
      .header('Authorization', token)
    byClient.assertStatus(200)
    assert.equal(byClient.body().data.versions[0].status, 'published')
  })

  test('a failing scenario blocks publishing through the API (409)', async ({
    client: http,
    assert,
  }) => {
    const { tenant, token, colleague } = await setup()
    const scenarios = (toApi(draft()) as { scenarios: { persons: { expected: boolean }[] }[] })
      .scenarios
    scenarios[1].persons[0].expected = true
    const created = await http
      .post('/api/v1/benefits')
      .header('Authorization', token)
      .json(body({ scenarios }))
    created.assertStatus(201)
    assert.isFalse(created.body().data.versions[0].scenarios_passed)
    await http.post('/api/v1/benefits/ogre.seniors/submit').header('Authorization', token)

    const publish = await http
      .post('/api/v1/benefits/ogre.seniors/publish')
      .header('Authorization', colleague)
    publish.assertStatus(409)
    publish.assertBodyContains({ errors: [{ code: 'scenarios_failed', field: 'scenarios' }] })
    const version = await BenefitVersion.query().where('tenant_id', tenant.id).firstOrFail()
    assert.equal(version.status, 'in_review')
  })

  test('a later version with a new effective date leaves the published one intact', async ({
    client: http,
    assert,
  }) => {
    const { token, colleague } = await setup()
    await http.post('/api/v1/benefits').header('Authorization', token).json(body())
    await http.post('/api/v1/benefits/ogre.seniors/submit').header('Authorization', token)
    await http.post('/api/v1/benefits/ogre.seniors/publish').header('Authorization', colleague)

    const bad = await http
      .post('/api/v1/benefits/ogre.seniors/versions')
      .header('Authorization', token)
      .json({ effective_from: 'soon' })
    bad.assertStatus(422)
    bad.assertBodyContains({ errors: [{ field: 'effective_from' }] })

    const created = await http
      .post('/api/v1/benefits/ogre.seniors/versions')
      .header('Authorization', token)
      .json({ effective_from: '2027-01-01' })
    created.assertStatus(201)
    assert.deepEqual(
      created.body().data.versions.map((v: { status: string }) => v.status),
      ['published', 'draft']
    )

    await http
      .patch('/api/v1/benefits/ogre.seniors/draft')
      .header('Authorization', token)
      .json({ rule: 'age >= 63', name_en: 'Seniors from 63 travel free' })
    await http.post('/api/v1/benefits/ogre.seniors/submit').header('Authorization', token)
    const published = await http
      .post('/api/v1/benefits/ogre.seniors/publish')
      .header('Authorization', colleague)
    published.assertStatus(200)

    const [first, second] = published.body().data.versions
    assert.equal(first.status, 'published')
    assert.equal(first.rule, 'age >= 65')
    assert.equal(first.name_en, 'Seniors travel free')
    assert.equal(first.effective_from, '2026-01-01')
    assert.equal(first.effective_to, '2026-12-31')
    assert.equal(second.status, 'published')
    assert.equal(second.rule, 'age >= 63')
    assert.equal(second.effective_from, '2027-01-01')
    assert.isNull(second.effective_to)
  })

  test('the OpenAPI description lists the catalogue endpoints with their scopes', async ({
    client: http,
    assert,
  }) => {
    const response = await http.get('/api/v1/openapi.json')
    const doc = response.body()
    assert.properties(doc.paths, [
      '/benefits',
      '/benefits/{code}',
      '/benefits/{code}/draft',
      '/benefits/{code}/versions',
      '/benefits/{code}/submit',
      '/benefits/{code}/publish',
    ])
    assert.deepEqual(doc.paths['/benefits'].get.security, [
      { clientCredentials: ['catalogue:read'] },
    ])
    assert.deepEqual(doc.paths['/benefits/{code}/publish'].post.security, [
      { clientCredentials: ['catalogue:write'] },
    ])
    assert.properties(doc.components.schemas, ['NewBenefit', 'BenefitDetail', 'RuleScenario'])
  })
})
