import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import AuditLog from '#platform/audit/audit_log'
import ApiClient from '#platform/api/models/api_client'
import { hashClientSecret } from '#platform/api/credentials'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { makeApiClient, requestToken, expectStatus } from './fixtures.js'

const JSON_HEADERS = { Accept: 'application/json' }

test.group('Staff portal: API clients', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => limiter.clear(['memory']))

  test("an admin lists only the current tenant's clients and the scopes its kind allows", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'service_provider' })
    const other = await makeTenant({ kind: 'service_provider' })
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { client: own } = await makeApiClient(tenant, { name: 'Ticketing' })
    await makeApiClient(other, { name: 'Stranger' })

    const response = await client.get('/staff/api-clients').loginAs(admin).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/api_clients_index')
    const clients = response.inertiaProps.clients as Record<string, unknown>[]
    assert.deepEqual(
      clients.map((c) => c.name),
      ['Ticketing']
    )
    assert.equal(clients[0].clientId, own.clientId)
    assert.notProperty(clients[0], 'secretHash')
    assert.sameMembers(response.inertiaProps.allowedScopes, [
      'catalogue:read',
      'services:read',
      'decisions:write',
      'offline-list:read',
      'transactions:write',
    ])
  })

  test('an admin creates a client and sees its secret once', async ({ client, assert }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/api-clients')
      .json({ name: 'Benefits register', scopes: ['catalogue:read', 'entitlements:read'] })
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()

    response.assertStatus(200)
    response.assertInertiaComponent('staff/api_client_secret')
    response.assertHeader('cache-control', 'no-store')
    const { client: shown, secret, event } = response.inertiaProps
    assert.equal(event, 'created')
    assert.match(secret, /^atvs_[A-Za-z0-9_-]{43}$/)
    const stored = await ApiClient.findByOrFail('client_id', shown.clientId)
    assert.equal(stored.tenantId, tenant.id)
    assert.equal(stored.secretHash, hashClientSecret(secret))
    assert.deepEqual(stored.scopes, ['catalogue:read', 'entitlements:read'])
    assert.equal(stored.rateLimitPerMinute, 600)

    const audit = await AuditLog.query()
      .where('action', 'api.client.created')
      .where('subject_id', String(stored.id))
      .firstOrFail()
    assert.equal(audit.tenantId, tenant.id)
    assert.equal(audit.actorUserId, admin.id)
    assert.notInclude(JSON.stringify(audit.metadata), secret)

    // The list never shows the secret again.
    const list = await client.get('/staff/api-clients').loginAs(admin).withInertia()
    assert.notInclude(JSON.stringify(list.inertiaProps), secret)
    await expectStatus(requestToken(client, stored.clientId, secret), 200)
  })

  test('a client without a name, without scopes or with a scope the tenant kind may not give is refused', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const empty = await client
      .post('/staff/api-clients')
      .json({ name: '', scopes: [] })
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    empty.assertStatus(422)
    assert.sameMembers(
      empty.body().errors.map((e: { field: string }) => e.field),
      ['name', 'scopes']
    )

    const foreignScope = await client
      .post('/staff/api-clients')
      .json({ name: 'Tills', scopes: ['decisions:write'], rateLimitPerMinute: 0 })
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    foreignScope.assertStatus(422)
    assert.sameMembers(
      foreignScope.body().errors.map((e: { field: string }) => e.field),
      ['scopes.0', 'rateLimitPerMinute']
    )
    assert.lengthOf(await ApiClient.query().where('tenant_id', tenant.id), 0)
  })

  test('a form post with bad input goes back to the form with Latvian messages', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/api-clients')
      .json({ name: 'Integration', scopes: [] })
      .header('Referer', '/staff/api-clients')
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/staff/api-clients')
    const errors = response.flashMessage('inputErrorsBag') as Record<string, string[]>
    assert.deepEqual(errors.scopes, ['Izvēlieties vismaz vienu atļauju'])
    assert.equal(response.flashMessage('name'), 'Integration')
  })

  test('only a tenant admin may list, create, rotate or revoke clients', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant)
    for (const role of ['benefit_manager', 'auditor', 'analyst'] as const) {
      const { user } = await makeMember(tenant, role)
      await expectStatus(client.get('/staff/api-clients').loginAs(user), 403)
      for (const url of [
        '/staff/api-clients',
        `/staff/api-clients/${apiClient.id}/rotate`,
        `/staff/api-clients/${apiClient.id}/revoke`,
      ]) {
        const response = await client
          .post(url)
          .json({ name: 'Sneaky', scopes: ['catalogue:read'] })
          .headers(JSON_HEADERS)
          .loginAs(user)
          .withCsrfToken()
        response.assertStatus(403)
      }
    }
    await apiClient.refresh()
    assert.isNull(apiClient.revokedAt)
    assert.equal(apiClient.secretGeneration, 1)
    assert.lengthOf(await ApiClient.query().where('tenant_id', tenant.id), 1)
  })

  test('a guest is sent to the login page', async ({ client }) => {
    const response = await client.get('/staff/api-clients').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('rotating shows a new secret once; the old one stops working', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { client: apiClient, secret: oldSecret } = await makeApiClient(tenant)
    const response = await client
      .post(`/staff/api-clients/${apiClient.id}/rotate`)
      .loginAs(admin)
      .withCsrfToken()
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/api_client_secret')
    const { secret, event } = response.inertiaProps
    assert.equal(event, 'rotated')
    assert.notEqual(secret, oldSecret)
    await expectStatus(requestToken(client, apiClient.clientId, oldSecret), 401)
    await expectStatus(requestToken(client, apiClient.clientId, secret), 200)
    const audit = await AuditLog.query()
      .where('action', 'api.client.secret_rotated')
      .where('subject_id', String(apiClient.id))
      .firstOrFail()
    assert.equal(audit.actorUserId, admin.id)
  })

  test('revoking ends the client and is audited; a revoked client cannot be rotated', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { client: apiClient, secret } = await makeApiClient(tenant)
    const response = await client
      .post(`/staff/api-clients/${apiClient.id}/revoke`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/staff/api-clients')
    response.assertFlashMessage('success', 'api.clients.flash.revoked')
    await apiClient.refresh()
    assert.isNotNull(apiClient.revokedAt)
    await expectStatus(requestToken(client, apiClient.clientId, secret), 401)
    assert.lengthOf(
      await AuditLog.query()
        .where('action', 'api.client.revoked')
        .where('subject_id', String(apiClient.id)),
      1
    )

    const rotate = await client
      .post(`/staff/api-clients/${apiClient.id}/rotate`)
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    rotate.assertStatus(422)
    assert.equal(rotate.body().errors[0].field, 'client')
  })

  test("an admin cannot rotate or revoke another tenant's client (404)", async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { client: foreign, secret } = await makeApiClient(other)
    for (const action of ['rotate', 'revoke']) {
      const response = await client
        .post(`/staff/api-clients/${foreign.id}/${action}`)
        .headers(JSON_HEADERS)
        .loginAs(admin)
        .withCsrfToken()
      response.assertStatus(404)
    }
    await foreign.refresh()
    assert.isNull(foreign.revokedAt)
    assert.equal(foreign.secretGeneration, 1)
    await expectStatus(requestToken(client, foreign.clientId, secret), 200)
  })

  test('the staff forms still require the CSRF token', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/api-clients')
      .json({ name: 'No token', scopes: ['catalogue:read'] })
      .loginAs(admin)
      .redirects(0)
    assert.notEqual(response.status(), 200)
    assert.lengthOf(await ApiClient.query().where('tenant_id', tenant.id), 0)
  })
})

test.group('Staff portal: API client pages render', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the list and the one-time secret page render on the server in lv and en', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    await makeApiClient(tenant, { name: 'Ticketing bridge' })
    const list = await client.get('/staff/api-clients').loginAs(admin)
    list.assertStatus(200)
    assert.include(list.text(), 'API klienti')
    assert.include(list.text(), 'Ticketing bridge')

    const created = await client
      .post('/staff/api-clients')
      .form({ 'name': 'Benefits register', 'scopes[]': 'catalogue:read' })
      .withPlainCookie('locale', 'en')
      .loginAs(admin)
      .withCsrfToken()
    created.assertStatus(200)
    assert.include(created.text(), 'Copy the secret now')
    assert.match(created.text(), /atvs_[A-Za-z0-9_-]{43}/)
  })
})
