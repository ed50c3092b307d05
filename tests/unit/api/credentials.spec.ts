import { test } from '@japa/runner'
import {
  generateClientId,
  generateClientSecret,
  hashClientSecret,
  secretMatches,
} from '#platform/api/credentials'
import { API_SCOPES, TENANT_SCOPES, allowedScopes } from '#platform/api/scopes'

test.group('API client credentials and scopes', () => {
  test('client ids and secrets are random and the secret is checked against its hash', ({
    assert,
  }) => {
    assert.notEqual(generateClientId(), generateClientId())
    const secret = generateClientSecret()
    assert.match(secret, /^atvs_[A-Za-z0-9_-]{43}$/)
    const hash = hashClientSecret(secret)
    assert.isTrue(secretMatches(secret, hash))
    assert.isFalse(secretMatches(`${secret}x`, hash))
    assert.isFalse(secretMatches(secret, 'abc'))
  })

  test('grantors get catalogue and entitlement scopes, providers decisions and transactions', ({
    assert,
  }) => {
    assert.includeMembers(TENANT_SCOPES.municipality, ['catalogue:write', 'entitlements:read'])
    assert.notInclude(TENANT_SCOPES.municipality, 'decisions:write')
    assert.includeMembers(TENANT_SCOPES.service_provider, [
      'services:read',
      'decisions:write',
      'offline-list:read',
      'transactions:write',
    ])
    for (const kind of ['state_grantor', 'municipality', 'merchant'] as const) {
      for (const scope of ['decisions:write', 'transactions:write', 'offline-list:read']) {
        assert.notInclude(TENANT_SCOPES[kind], scope as any, `${kind} ${scope}`)
      }
    }
    assert.notInclude(TENANT_SCOPES.service_provider, 'catalogue:write')
    assert.deepEqual(TENANT_SCOPES.platform_operator, [])
    assert.deepEqual(allowedScopes({ type: 'data_source' }), ['registers:write'])
  })
})

test.group('API scopes on the staff page', () => {
  test('every scope has a label in Latvian and English', async ({ assert }) => {
    const { readFile } = await import('node:fs/promises')
    for (const locale of ['lv', 'en']) {
      const file = new URL(`../../../resources/lang/${locale}/api.json`, import.meta.url)
      const labels = JSON.parse(await readFile(file, 'utf8')).clients.scopes
      for (const scope of API_SCOPES) {
        // The page's key: resources/js/pages/staff/api_clients_index.vue, scopeLabel().
        assert.isString(labels[scope.replace(/\W/g, '_')], `${locale} ${scope}`)
      }
    }
  })
})
