import { test } from '@japa/runner'
import { SignJWT } from 'jose'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'
import RevokeApiClient from '#platform/api/actions/revoke_api_client'
import RotateApiClientSecret from '#platform/api/actions/rotate_api_client_secret'
import { issueAccessToken } from '#platform/api/access_tokens'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient, requestToken, expectStatus } from './fixtures.js'

// A scope-protected route of the kind the other contexts add (registered before the server boots).
router
  .get('/api/v1/__test/decisions', ({ apiClient }) => ({ client: apiClient!.clientId }))
  .use(middleware.apiAuth({ scopes: ['decisions:write'] }))

test.group('API authentication middleware', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => limiter.clear(['memory']))

  test('a token from the token endpoint reaches GET /api/v1/me', async ({ client, assert }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { client: apiClient, secret } = await makeApiClient(tenant, {
      name: 'Ogre benefits system',
      scopes: ['catalogue:read', 'entitlements:read'],
    })
    const issued = await requestToken(client, apiClient.clientId, secret)
    const token = issued.body().access_token
    const response = await client.get('/api/v1/me').header('Authorization', `Bearer ${token}`)
    response.assertStatus(200)
    assert.deepEqual(response.body().data, {
      client_id: apiClient.clientId,
      name: 'Ogre benefits system',
      owner: { type: 'tenant', id: tenant.id },
      tenant_id: tenant.id,
      scopes: ['catalogue:read', 'entitlements:read'],
    })
    assert.isDefined(response.headers()['ratelimit-remaining'])
    assert.notExists(response.headers()['set-cookie'])
  })

  test('answers 401 JSON without a token, with a malformed one or a forged one', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant)
    const forged = await new SignJWT({ cid: apiClient.id, scope: 'catalogue:read', gen: 1 })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer('atvieglo')
      .setAudience('atvieglo-api')
      .setSubject(apiClient.clientId)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-the-key-not-the-key-not-the-key!'))

    for (const authorization of [undefined, 'Bearer nonsense', `Bearer ${forged}`, 'Basic eDp5']) {
      const request = client.get('/api/v1/me')
      if (authorization) request.header('Authorization', authorization)
      const response = await request
      response.assertStatus(401)
      assert.match(response.headers()['content-type'], /application\/json/)
      assert.match(response.headers()['www-authenticate'], /^Bearer /)
      assert.equal(response.body().errors[0].code, 'unauthorized')
      assert.isString(response.body().errors[0].message)
    }
  })

  test('answers 401 for an expired token', async ({ client }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant)
    const { token } = await issueAccessToken(apiClient, apiClient.scopes, {
      issuedAt: new Date(Date.now() - 16 * 60 * 1000),
    })
    const response = await client.get('/api/v1/me').header('Authorization', `Bearer ${token}`)
    response.assertStatus(401)
  })

  test('a revoked client or a rotated secret ends the tokens already issued', async ({
    client,
  }) => {
    const tenant = await makeTenant()
    const owner = { type: 'tenant' as const, tenant }
    const { client: rotated } = await makeApiClient(tenant)
    const { client: revoked } = await makeApiClient(tenant)
    const rotatedToken = await bearerFor(rotated)
    const revokedToken = await bearerFor(revoked)
    await expectStatus(client.get('/api/v1/me').header('Authorization', rotatedToken), 200)
    await expectStatus(client.get('/api/v1/me').header('Authorization', revokedToken), 200)

    await new RotateApiClientSecret().handle({ owner, id: rotated.id })
    await new RevokeApiClient().handle({ owner, id: revoked.id })
    await expectStatus(client.get('/api/v1/me').header('Authorization', rotatedToken), 401)
    await expectStatus(client.get('/api/v1/me').header('Authorization', revokedToken), 401)
  })

  test('answers 403 outside the token scopes and 200 within them', async ({ client, assert }) => {
    const provider = await makeTenant({ kind: 'service_provider' })
    const { client: apiClient } = await makeApiClient(provider, {
      scopes: ['decisions:write', 'transactions:write'],
    })
    const narrow = await bearerFor(apiClient, ['transactions:write'])
    const forbidden = await client.get('/api/v1/__test/decisions').header('Authorization', narrow)
    forbidden.assertStatus(403)
    assert.equal(forbidden.body().errors[0].code, 'forbidden')
    assert.include(forbidden.body().errors[0].message, 'decisions:write')

    const allowed = await client
      .get('/api/v1/__test/decisions')
      .header('Authorization', await bearerFor(apiClient))
    allowed.assertStatus(200)
    assert.equal(allowed.body().client, apiClient.clientId)
  })

  test("applies the client's own per-minute limit with 429 and Retry-After", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant, { rateLimitPerMinute: 2 })
    const { client: other } = await makeApiClient(tenant, { rateLimitPerMinute: 2 })
    const token = await bearerFor(apiClient)
    await expectStatus(client.get('/api/v1/me').header('Authorization', token), 200)
    await expectStatus(client.get('/api/v1/me').header('Authorization', token), 200)
    const limited = await client.get('/api/v1/me').header('Authorization', token)
    limited.assertStatus(429)
    assert.isAbove(Number(limited.headers()['retry-after']), 0)
    assert.isAtMost(Number(limited.headers()['retry-after']), 60)
    assert.equal(limited.body().errors[0].code, 'too_many_requests')
    // Another client of the same tenant has its own budget.
    await expectStatus(
      client.get('/api/v1/me').header('Authorization', await bearerFor(other)),
      200
    )
  })

  test('a logged-in staff session does not authenticate an API call', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client.get('/api/v1/me').loginAs(user)
    response.assertStatus(401)
  })

  test('a data source client carries its owner and no tenant', async ({ client, assert }) => {
    const { client: apiClient } = await makeApiClient({ dataSourceId: 7 })
    const response = await client
      .get('/api/v1/me')
      .header('Authorization', await bearerFor(apiClient))
    response.assertStatus(200)
    assert.deepInclude(response.body().data, {
      owner: { type: 'data_source', id: 7 },
      tenant_id: null,
      scopes: ['registers:write'],
    })
  })

  test('the API answers an unknown path with a JSON 404, never an HTML page', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/no-such-thing').header('Accept', 'text/html')
    response.assertStatus(404)
    assert.match(response.headers()['content-type'], /application\/json/)
    assert.equal(response.body().errors[0].code, 'not_found')
  })

  test('a malformed JSON body is a JSON 400', async ({ assert }) => {
    const response = await fetch(
      `http://${process.env.HOST}:${process.env.PORT}/api/v1/oauth/token`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' }
    )
    assert.equal(response.status, 400)
    assert.match(response.headers.get('content-type') ?? '', /application\/json/)
    const body = (await response.json()) as { errors: { code: string }[] }
    assert.equal(body.errors[0].code, 'bad_request')
  })
})
