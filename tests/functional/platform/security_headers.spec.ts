import { mkdir, rm, writeFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiResponse } from '@japa/api-client'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'

// Routes that fail, of each kind (registered before the server boots; sweeps skip /__test/).
router.get('/__test/boom', () => {
  throw new Error('boom')
})
router.get('/api/v1/__test/boom', () => {
  throw new Error('boom')
})

const STATIC_FILE = 'headers-probe.txt'

/** The headers every response must carry, whoever wrote it. */
function assertBaseHeaders(response: ApiResponse, label: string, assert: any) {
  const headers = response.headers()
  assert.equal(headers['x-content-type-options'], 'nosniff', `${label}: nosniff`)
  assert.equal(headers['x-frame-options'], 'DENY', `${label}: X-Frame-Options`)
  assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', `${label}: Referrer`)
  const csp = String(headers['content-security-policy'] ?? '')
  assert.include(csp, `frame-ancestors 'none'`, `${label}: CSP frame-ancestors`)
  assert.notInclude(csp, 'unsafe-eval', `${label}: CSP`)
  assert.notMatch(scriptSources(csp), /unsafe-inline/, `${label}: inline scripts allowed`)
}

/** The sources scripts may come from: script-src, or default-src without it. */
function scriptSources(csp: string) {
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values.join(' ')] as const
    })
  )
  return directives.get('script-src') ?? directives.get('default-src') ?? '*'
}

/** A page's policy: strict, and its nonce is the one the page's scripts carry. */
function assertPagePolicy(response: ApiResponse, label: string, assert: any) {
  const csp = String(response.headers()['content-security-policy'])
  for (const directive of [
    `default-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
  ]) {
    assert.include(csp, directive, `${label}: ${directive}`)
  }
  const nonce = csp.match(/script-src 'self' 'nonce-([^']+)'/)?.[1]
  assert.exists(nonce, `${label}: script-src has a nonce`)
  const html = response.text()
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
  assert.isNotEmpty(scripts, `${label}: has scripts`)
  for (const attributes of scripts) {
    // Inertia's page data is JSON, which browsers never execute.
    if (attributes.includes('type="application/json"')) continue
    assert.include(attributes, `nonce="${nonce}"`, `${label}: <script${attributes}>`)
  }
  assert.include(html, `<meta property="csp-nonce" nonce="${nonce}"`, `${label}: meta`)
}

test.group('Security headers on every response', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.setup(async () => {
    await mkdir(app.publicPath(), { recursive: true })
    await writeFile(app.publicPath(STATIC_FILE), 'probe\n')
    return () => rm(app.publicPath(STATIC_FILE), { force: true })
  })

  test('pages, API JSON, API docs, static files, 404s and errors carry them', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant({ kind: 'municipality' })
    const { user } = await makeMember(tenant, 'tenant_admin')
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['catalogue:read'] })
    const bearer = await bearerFor(apiClient)
    const html = { Accept: 'text/html' }
    const json = { Accept: 'application/json' }

    const responses: [string, ApiResponse][] = [
      ['public page', await client.get('/').headers(html)],
      ['login page', await client.get('/login').headers(html)],
      ['staff page', await client.get('/staff').headers(html).loginAs(user)],
      ['Inertia visit', await client.get('/staff').loginAs(user).withInertia()],
      [
        'API JSON',
        await client.get('/api/v1/benefits').headers(json).header('Authorization', bearer),
      ],
      ['API 401', await client.get('/api/v1/me').headers(json)],
      ['API 404', await client.get('/api/v1/no-such-thing').headers(json)],
      ['API 500', await client.get('/api/v1/__test/boom').headers(json)],
      ['OpenAPI JSON', await client.get('/api/v1/openapi.json')],
      ['API docs', await client.get('/api/docs').headers(html)],
      ['static file', await client.get(`/${STATIC_FILE}`)],
      ['Vite asset', await client.get('/resources/js/app.ts')],
      ['page 404', await client.get('/no-such-page').headers(html)],
      ['JSON 404', await client.get('/no-such-page').headers(json)],
      ['id out of range', await client.get('/staff/catalogue/benefits/2147483648').headers(html)],
      ['page 500', await client.get('/__test/boom').headers(html)],
      ['CSRF refusal', await client.post('/language').headers(html).redirects(0)],
      ['health', await client.get('/health/live')],
    ]
    const statuses = Object.fromEntries(responses.map(([label, r]) => [label, r.status()]))
    assert.containsSubset(statuses, {
      'public page': 200,
      'API JSON': 200,
      'API 401': 401,
      'API 404': 404,
      'API 500': 500,
      'API docs': 200,
      'static file': 200,
      'Vite asset': 200,
      'page 404': 404,
      'id out of range': 404,
      'page 500': 500,
      'health': 200,
    })
    for (const [label, response] of responses) assertBaseHeaders(response, label, assert)
  })

  test('HTML pages get a nonce policy their scripts follow, a fresh nonce each time', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const pages: [string, ApiResponse][] = [
      ['public page', await client.get('/').header('Accept', 'text/html')],
      ['staff page', await client.get('/staff').header('Accept', 'text/html').loginAs(user)],
      ['404 of an unknown URL', await client.get('/no-such-page').header('Accept', 'text/html')],
      ['debug page of an error', await client.get('/__test/boom').header('Accept', 'text/html')],
    ]
    for (const [label, response] of pages.slice(0, 3)) assertPagePolicy(response, label, assert)
    const [, debugPage] = pages[3]
    assert.match(String(debugPage.headers()['content-security-policy']), /'nonce-/)

    const again = await client.get('/').header('Accept', 'text/html')
    assert.notEqual(
      again.headers()['content-security-policy'],
      pages[0][1].headers()['content-security-policy']
    )
  })

  test('the API docs allow their own stylesheet by hash and nothing else', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/docs').header('Accept', 'text/html')
    const csp = String(response.headers()['content-security-policy'])
    assert.include(csp, `default-src 'none'`)
    const hash = csp.match(/style-src 'sha256-([^']+)'/)?.[1]
    const style = response.text().match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? ''
    const { createHash } = await import('node:crypto')
    assert.equal(hash, createHash('sha256').update(style).digest('base64'))
    assert.notMatch(response.text(), /<script|\sstyle="/)
  })
})
