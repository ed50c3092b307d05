import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import { makeApiClient, requestToken } from '../api/fixtures.js'
import { makeSource } from './import_support.js'
import { emptyPushState } from './push_support.js'

const base = (id: number) => `/operator/registers/sources/${id}/api-clients`

test.group('Operator portal: API clients of a data source', (group) => {
  group.each.setup(async () => {
    await emptyPushState()
    return () => emptyPushState()
  })

  test('an operator creates a client for the source and sees its secret once', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const source = await makeSource({ code: 'vdeavk' })
    const response = await client
      .post(base(source.id))
      .json({ name: 'VDEĀVK integrācija', rateLimitPerMinute: 120 })
      .withCsrfToken()
      .loginAs(operator)
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('operator/registers/api_client_secret')
    assert.equal(response.header('cache-control'), 'no-store')
    const props = response.inertiaProps as any
    assert.match(props.secret, /^atvs_/)
    assert.deepEqual(props.client.scopes, ['registers:write'])
    assert.equal(props.sourceId, source.id)

    const stored = await db
      .from('api_clients')
      .where('client_id', props.client.clientId)
      .firstOrFail()
    assert.equal(stored.owner_type, 'data_source')
    assert.equal(stored.owner_id, source.id)
    assert.isNull(stored.tenant_id)
    assert.notInclude(JSON.stringify(stored), props.secret)
    const token = await requestToken(client, props.client.clientId, props.secret)
    token.assertStatus(200)
    assert.equal(token.body().scope, 'registers:write')

    const page = await client
      .get(`/operator/registers/sources/${source.id}`)
      .loginAs(operator)
      .withInertia()
    page.assertInertiaComponent('operator/registers/source_show')
    const listed = (page.inertiaProps as any).apiClients
    assert.lengthOf(listed, 1)
    assert.equal(listed[0].name, 'VDEĀVK integrācija')
    assert.notProperty(listed[0], 'secret')
    const audit = await db
      .from('audit_logs')
      .where('action', 'api.client.created')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.equal(audit.actor_user_id, operator.id)
  })

  test('rotating answers a new secret and the old one stops working; revoking ends the client', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const source = await makeSource({ code: 'vdeavk' })
    const { client: apiClient, secret } = await makeApiClient({ dataSourceId: source.id })

    const rotated = await client
      .post(`${base(source.id)}/${apiClient.id}/rotate`)
      .withCsrfToken()
      .loginAs(operator)
      .withInertia()
    rotated.assertStatus(200)
    const fresh = (rotated.inertiaProps as any).secret
    assert.notEqual(fresh, secret)
    const oldToken = await requestToken(client, apiClient.clientId, secret)
    oldToken.assertStatus(401)
    const newToken = await requestToken(client, apiClient.clientId, fresh)
    newToken.assertStatus(200)

    const revoked = await client
      .post(`${base(source.id)}/${apiClient.id}/revoke`)
      .withCsrfToken()
      .loginAs(operator)
      .redirects(0)
    revoked.assertStatus(302)
    assert.equal(revoked.header('location'), `/operator/registers/sources/${source.id}`)
    const stored = await db.from('api_clients').where('id', apiClient.id).firstOrFail()
    assert.isNotNull(stored.revoked_at)
    const afterRevoke = await requestToken(client, apiClient.clientId, fresh)
    afterRevoke.assertStatus(401)
  })

  test('a name is required', async ({ client, assert }) => {
    const operator = await makeOperator()
    const source = await makeSource({ code: 'vdeavk' })
    const response = await client
      .post(base(source.id))
      .json({ name: '' })
      .header('Accept', 'application/json')
      .withCsrfToken()
      .loginAs(operator)
    response.assertStatus(422)
    const clients = await db.from('api_clients').where('owner_type', 'data_source')
    assert.lengthOf(clients, 0)
  })

  test("another source's client is not found through this source", async ({ client }) => {
    const operator = await makeOperator()
    const source = await makeSource({ code: 'vdeavk' })
    const other = await makeSource({ code: 'pmlp' })
    const { client: otherClient } = await makeApiClient({ dataSourceId: other.id })
    const response = await client
      .post(`${base(source.id)}/${otherClient.id}/rotate`)
      .withCsrfToken()
      .loginAs(operator)
    response.assertStatus(404)
  })

  test('someone who is not an operator gets 404', async ({ client, assert }) => {
    const source = await makeSource({ code: 'vdeavk' })
    const { client: apiClient } = await makeApiClient({ dataSourceId: source.id })
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    for (const url of [
      base(source.id),
      `${base(source.id)}/${apiClient.id}/rotate`,
      `${base(source.id)}/${apiClient.id}/revoke`,
    ]) {
      const response = await client.post(url).json({ name: 'Mine' }).withCsrfToken().loginAs(user)
      response.assertStatus(404)
    }
    const stored = await db.from('api_clients').where('id', apiClient.id).firstOrFail()
    assert.isNull(stored.revoked_at)
    assert.equal(stored.secret_generation, apiClient.secretGeneration)
  })
})
