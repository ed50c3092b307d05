import { test } from '@japa/runner'

test.group('OpenAPI description', () => {
  test('GET /api/v1/openapi.json serves an OpenAPI 3.1 document with the token endpoint', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const doc = response.body()
    assert.equal(doc.openapi, '3.1.0')
    assert.deepEqual(doc.servers, [{ url: '/api/v1' }])
    assert.properties(doc.paths, ['/oauth/token', '/me'])
    assert.properties(doc.components.schemas, ['Error', 'Errors', 'OAuthError', 'TokenResponse'])
    const flow = doc.components.securitySchemes.clientCredentials.flows.clientCredentials
    assert.equal(flow.tokenUrl, '/api/v1/oauth/token')
    assert.properties(flow.scopes, ['catalogue:read', 'registers:write', 'decisions:write'])
    assert.deepEqual(doc.paths['/me'].get.security, [{ clientCredentials: [] }])
  })

  test('every $ref in the document points at a described schema', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    const doc = response.body()
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)]
    assert.isAbove(refs.length, 0)
    for (const [, name] of refs) assert.property(doc.components.schemas, name)
  })

  test('GET /api/docs renders the operations and schemas as a page without scripts or CDN', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/docs').header('Accept-Language', 'en')
    response.assertStatus(200)
    assert.match(response.headers()['content-type'], /text\/html/)
    const html = response.text()
    assert.include(html, '<html lang="en">')
    assert.include(html, '<code>/oauth/token</code>')
    assert.include(html, 'Exchange client credentials for an access token')
    assert.include(html, 'id="schema-TokenResponse"')
    assert.include(html, 'Responses')
    assert.notInclude(html, '<script')
    assert.notMatch(html, /(src|href)="https?:\/\//)
  })

  test('the docs page follows the language (Latvian by default)', async ({ client, assert }) => {
    const response = await client.get('/api/docs')
    const html = response.text()
    assert.include(html, '<html lang="lv">')
    assert.include(html, 'Atbildes')
  })
})
