import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import ApiClient from '#platform/api/models/api_client'
import RevokeApiClient from '#platform/api/actions/revoke_api_client'
import RotateApiClientSecret from '#platform/api/actions/rotate_api_client_secret'
import { verifyAccessToken } from '#platform/api/access_tokens'
import { tokenEndpointLimits } from '#platform/api/controllers/oauth_token_controller'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { makeApiClient, requestToken, expectStatus } from './fixtures.js'

test.group('OAuth token endpoint', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => limiter.clear(['memory']))

  test('issues a bearer token for client credentials sent by HTTP Basic', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { client: apiClient, secret } = await makeApiClient(tenant, {
      scopes: ['catalogue:read', 'entitlements:read'],
    })
    const response = await requestToken(client, apiClient.clientId, secret)

    response.assertStatus(200)
    response.assertHeader('cache-control', 'no-store')
    const body = response.body()
    assert.equal(body.token_type, 'Bearer')
    assert.equal(body.expires_in, 900)
    assert.equal(body.scope, 'catalogue:read entitlements:read')
    const claims = await verifyAccessToken(body.access_token)
    assert.deepInclude(claims!, {
      clientPk: apiClient.id,
      clientId: apiClient.clientId,
      ownerType: 'tenant',
      ownerId: tenant.id,
      tenantId: tenant.id,
    })
    await apiClient.refresh()
    assert.isNotNull(apiClient.lastUsedAt)
  })

  test('issues a token for client_id and client_secret sent as form fields, without CSRF', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    const response = await client.post('/api/v1/oauth/token').form({
      grant_type: 'client_credentials',
      client_id: apiClient.clientId,
      client_secret: secret,
    })
    response.assertStatus(200)
    assert.equal(response.body().scope, 'catalogue:read')
    assert.notExists(response.headers()['set-cookie'])
  })

  test('narrows the token to the requested subset of scopes', async ({ client, assert }) => {
    const tenant = await makeTenant({ kind: 'state_grantor' })
    const { client: apiClient, secret } = await makeApiClient(tenant, {
      scopes: ['catalogue:read', 'catalogue:write'],
    })
    const response = await requestToken(client, apiClient.clientId, secret, {
      grant_type: 'client_credentials',
      scope: 'catalogue:read',
    })
    response.assertStatus(200)
    assert.equal(response.body().scope, 'catalogue:read')
    const claims = await verifyAccessToken(response.body().access_token)
    assert.deepEqual(claims!.scopes, ['catalogue:read'])
  })

  test('refuses a wrong secret with invalid_client and a WWW-Authenticate challenge', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant)
    const response = await requestToken(client, apiClient.clientId, 'atvs_wrong')
    response.assertStatus(401)
    assert.equal(response.body().error, 'invalid_client')
    assert.equal(response.body().errors[0].code, 'invalid_client')
    assert.match(response.headers()['www-authenticate'], /^Basic /)
  })

  test('refuses an unknown client id and missing credentials', async ({ client, assert }) => {
    const unknown = await requestToken(client, 'atv_nobody', 'atvs_whatever')
    unknown.assertStatus(401)
    assert.equal(unknown.body().error, 'invalid_client')
    const missing = await client
      .post('/api/v1/oauth/token')
      .form({ grant_type: 'client_credentials' })
    missing.assertStatus(401)
    assert.equal(missing.body().error, 'invalid_client')
  })

  test('refuses a revoked client', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    await new RevokeApiClient().handle({ owner: { type: 'tenant', tenant }, id: apiClient.id })
    const response = await requestToken(client, apiClient.clientId, secret)
    response.assertStatus(401)
    assert.equal(response.body().error, 'invalid_client')
  })

  test('refuses the clients of a suspended tenant', async ({ client }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    tenant.status = 'suspended'
    await tenant.save()
    const response = await requestToken(client, apiClient.clientId, secret)
    response.assertStatus(401)
  })

  test('after a rotation the old secret fails and the new one works', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret: oldSecret } = await makeApiClient(tenant)
    const { secret: newSecret } = await new RotateApiClientSecret().handle({
      owner: { type: 'tenant', tenant },
      id: apiClient.id,
    })
    assert.notEqual(newSecret, oldSecret)
    await expectStatus(requestToken(client, apiClient.clientId, oldSecret), 401)
    await expectStatus(requestToken(client, apiClient.clientId, newSecret), 200)
  })

  test('answers unsupported_grant_type for any other grant', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    const response = await requestToken(client, apiClient.clientId, secret, {
      grant_type: 'password',
      username: 'a',
      password: 'b',
    })
    response.assertStatus(400)
    assert.equal(response.body().error, 'unsupported_grant_type')
  })

  test('answers invalid_request without grant_type or with credentials sent twice', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    const missing = await requestToken(client, apiClient.clientId, secret, {})
    missing.assertStatus(400)
    assert.equal(missing.body().error, 'invalid_request')
    const twice = await requestToken(client, apiClient.clientId, secret, {
      grant_type: 'client_credentials',
      client_secret: secret,
    })
    twice.assertStatus(400)
    assert.equal(twice.body().error, 'invalid_request')
  })

  test('answers invalid_scope for a scope the client does not hold or that does not exist', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { client: apiClient, secret } = await makeApiClient(tenant, {
      scopes: ['catalogue:read'],
    })
    for (const scope of ['catalogue:write', 'admin:everything', 'catalogue:read decisions']) {
      const response = await requestToken(client, apiClient.clientId, secret, {
        grant_type: 'client_credentials',
        scope,
      })
      response.assertStatus(400)
      assert.equal(response.body().error, 'invalid_scope')
    }
  })

  test('limits token requests per client id with 429 and Retry-After', async ({
    client,
    assert,
    cleanup,
  }) => {
    const original = tokenEndpointLimits.perClient
    tokenEndpointLimits.perClient = 2
    cleanup(() => {
      tokenEndpointLimits.perClient = original
    })
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    await expectStatus(requestToken(client, apiClient.clientId, secret), 200)
    await expectStatus(requestToken(client, apiClient.clientId, secret), 200)
    const third = await requestToken(client, apiClient.clientId, secret)
    third.assertStatus(429)
    assert.isAbove(Number(third.headers()['retry-after']), 0)
    assert.equal(third.body().errors[0].code, 'too_many_requests')
  })

  test('blocks an address after repeated failed authentications', async ({
    client,
    assert,
    cleanup,
  }) => {
    const original = tokenEndpointLimits.failuresPerIp
    tokenEndpointLimits.failuresPerIp = 3
    cleanup(() => {
      tokenEndpointLimits.failuresPerIp = original
    })
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    for (let i = 0; i < 3; i++) {
      await expectStatus(requestToken(client, apiClient.clientId, `atvs_guess${i}`), 401)
    }
    // Even the right secret is refused while the address is blocked.
    const blocked = await requestToken(client, apiClient.clientId, secret)
    blocked.assertStatus(429)
    assert.isAbove(Number(blocked.headers()['retry-after']), 60)
  })

  test('stores only a hash of the secret', async ({ assert }) => {
    const tenant = await makeTenant()
    const { client: apiClient, secret } = await makeApiClient(tenant)
    const row = await ApiClient.findOrFail(apiClient.id)
    assert.notInclude(JSON.stringify(row.$attributes), secret)
    assert.lengthOf(row.secretHash, 64)
    assert.isTrue(row.createdAt <= DateTime.now())
  })
})
