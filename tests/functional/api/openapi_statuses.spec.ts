import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'

interface Operation {
  'responses': Record<string, unknown>
  'requestBody'?: unknown
  'parameters'?: { in: string }[]
  'x-required-scopes'?: string[]
}

/** The /api/v1 routes as OpenAPI sees them: `post /benefits/{code}/submit`, and their middleware. */
function apiRoutes() {
  return router
    .toJSON()
    .root.filter((route) => route.pattern.startsWith('/api/v1/'))
    .flatMap((route) => {
      const middleware = [...route.middleware.all()].map((m) => m.name)
      const path = route.pattern.slice('/api/v1'.length).replace(/:([a-z_]+)/g, '{$1}')
      return route.methods
        .filter((method) => method !== 'HEAD')
        .map((method) => ({ method: method.toLowerCase(), path, middleware }))
    })
}

test.group('OpenAPI description: statuses', () => {
  test('every /api/v1 operation lists the statuses its endpoint can answer', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    const doc = response.body()
    const routes = apiRoutes()
    assert.isAbove(routes.length, 10)
    for (const { method, path, middleware } of routes) {
      // The document itself, and routes other test files mount for themselves.
      if (path === '/openapi.json' || path.startsWith('/__test/')) continue
      const operation: Operation | undefined = doc.paths[path]?.[method]
      assert.exists(operation, `${method} ${path} is not in the OpenAPI description`)
      const listed = Object.keys(operation!.responses)
      const expected: string[] = []
      const authenticated = middleware.includes('apiAuth')
      // apiAuth refuses missing tokens and applies the client's rate limit.
      if (authenticated) expected.push('401', '429')
      if (authenticated && operation!['x-required-scopes']?.length) expected.push('403')
      // The token endpoint is limited per IP and per client id.
      if (path === '/oauth/token') expected.push('401', '429')
      // The body parser refuses a malformed JSON body of any write.
      if (['post', 'put', 'patch'].includes(method)) expected.push('400')
      if (path.includes('{')) expected.push('404')
      const validatesInput =
        operation!.requestBody !== undefined ||
        (operation!.parameters ?? []).some((p) => p.in === 'query')
      // OAuth 2.0 (RFC 6749 §5.2) answers bad token requests 400, not 422.
      if (validatesInput && path !== '/oauth/token') expected.push('422')
      for (const status of expected) {
        assert.include(listed, status, `${method} ${path} does not list ${status}`)
      }
    }
  })

  test('every successful answer is a `{ data }` envelope, but those fixed by external contracts', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    const doc = response.body()
    const resolve = (schema: { $ref?: string; properties?: object }) =>
      schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema
    // OAuth, the register push and the decision (docs/contracts.md fixes its top-level fields).
    const ownShape = ['post /oauth/token', 'post /registers/{source}/changes', 'post /decisions']
    let checked = 0
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (ownShape.includes(`${method} ${path}`)) continue
        for (const [status, answer] of Object.entries(operation.responses)) {
          const schema = (answer as any).content?.['application/json']?.schema
          if (!status.startsWith('2') || !schema) continue
          assert.property(resolve(schema).properties, 'data', `${method} ${path} ${status}`)
          checked++
        }
      }
    }
    assert.isAbove(checked, 5)
  })

  test('a malformed JSON body to an authenticated write answers a JSON 400, not HTML or 500', async ({
    assert,
  }) => {
    const response = await fetch(`http://${process.env.HOST}:${process.env.PORT}/api/v1/benefits`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'text/html' },
      body: '{"code": "x",',
    })
    assert.equal(response.status, 400)
    assert.match(response.headers.get('content-type') ?? '', /application\/json/)
    const body = (await response.json()) as { errors: { code: string; message: string }[] }
    assert.equal(body.errors[0].code, 'bad_request')
    assert.isString(body.errors[0].message)
  })
})
