import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient as HttpClient } from '@japa/api-client'
import { routeParams } from '#platform/http/route_params'
import type User from '#tenancy/models/user'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { makeSource } from '../registers/import_support.js'

type Kind = keyof typeof routeParams

/** Values a path parameter of each kind must turn away with a 404, never a 500. */
const HOSTILE: Record<Kind, string[]> = {
  int4Id: ['2147483648', '-1', '1e3', '%00', '1%00', '9'.repeat(40), '0x10', '1.5', '00', '0'],
  int8Id: ['9223372036854775808', '-1', '1e3', '%00', '9'.repeat(40), '0x10', '1.5', '0'],
  code: ['%00', 'a%00b', `a${'b'.repeat(300)}`, '%27%20or%201%3D1', '..', 'A%20B'],
  token: ['%00', `${'a'.repeat(40)}%00`, 'x'.repeat(2000), '%27%20or%201%3D1'],
}
/** The largest value each kind accepts: it must reach the handler, which finds no such row. */
const LARGEST: Partial<Record<Kind, string>> = {
  int4Id: '2147483647',
  int8Id: String(Number.MAX_SAFE_INTEGER),
}
/** A harmless value for the route's other parameters. */
const ORDINARY: Record<Kind, string> = {
  int4Id: '1',
  int8Id: '1',
  code: 'nav-tada',
  token: 'a'.repeat(43),
}
/** What a database error or a debug page would show: none of it may reach a response. */
const SQL_TRACES =
  /select\s+("|\*|\w+\.)|insert into|delete from|invalid input syntax|out of range|0x00|at async/i

interface SweptRoute {
  pattern: string
  methods: string[]
  params: { name: string; kind: Kind }[]
}

const kindOf = (matcher: unknown) =>
  (Object.keys(routeParams) as Kind[]).find((kind) => routeParams[kind] === matcher)

/** A parameter without a shared matcher is still attacked, as what its name says it is. */
const guessKind = (name: string): Kind =>
  /id$/i.test(name) ? 'int4Id' : name === 'token' ? 'token' : 'code'

/** Every route with a path parameter, from the router itself (routes tests mount are left out). */
function routesWithParams() {
  const swept: SweptRoute[] = []
  const unmatched: string[] = []
  for (const route of Object.values(router.toJSON()).flat()) {
    if (route.pattern.startsWith('/__test/')) continue
    const names = [...route.pattern.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1])
    if (names.length === 0) continue
    const params = names.map((name) => ({ name, kind: kindOf(route.matchers[name]) }))
    for (const param of params) {
      if (!param.kind) unmatched.push(`${route.pattern} (:${param.name})`)
    }
    swept.push({
      pattern: route.pattern,
      methods: route.methods.filter((method) => method !== 'HEAD'),
      params: params.map((p) => ({ name: p.name, kind: p.kind ?? guessKind(p.name) })),
    })
  }
  return { swept, unmatched }
}

function urlFor(route: SweptRoute, target: string, value: string) {
  return route.params.reduce(
    (url, param) =>
      url.replace(`:${param.name}`, param.name === target ? value : ORDINARY[param.kind]),
    route.pattern
  )
}

/** Who may pass each area's middleware, so the request reaches the lookup it attacks. */
async function callers() {
  const tenant = await makeTenant({ kind: 'merchant' })
  const { user: admin } = await makeMember(tenant, 'tenant_admin')
  const operator = await makeOperator()
  const { client: tenantClient } = await makeApiClient(tenant, {
    scopes: ['catalogue:read', 'catalogue:write', 'entitlements:read'],
  })
  const source = await makeSource({ code: 'sweep-source' })
  const { client: sourceClient } = await makeApiClient({ dataSourceId: source.id })
  return {
    admin,
    operator,
    tenantBearer: await bearerFor(tenantClient),
    sourceBearer: await bearerFor(sourceClient),
  }
}

function send(
  http: HttpClient,
  method: string,
  url: string,
  who: Awaited<ReturnType<typeof callers>>
) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'
  let request = http[verb](url).header('Accept', 'text/html')
  if (url.startsWith('/api/')) {
    const bearer = url.startsWith('/api/v1/registers/') ? who.sourceBearer : who.tenantBearer
    return request.header('Accept', 'application/json').header('Authorization', bearer)
  }
  if (verb !== 'get') request = request.withCsrfToken()
  const user: User | undefined = url.startsWith('/operator')
    ? who.operator
    : url.startsWith('/staff')
      ? who.admin
      : undefined
  return user ? request.loginAs(user) : request
}

test.group('Route parameters: out-of-range and malformed values', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every path parameter of every route uses a shared matcher', async ({ assert }) => {
    const { swept, unmatched } = routesWithParams()
    assert.isAbove(swept.length, 20)
    assert.deepEqual(unmatched, [], 'give these parameters a matcher from routeParams')
  })

  test('hostile ids and codes answer 404 on every route, without SQL or a stack trace', async ({
    client,
    assert,
  }) => {
    const who = await callers()
    const failures: string[] = []
    let requests = 0
    for (const route of routesWithParams().swept) {
      for (const param of route.params) {
        for (const value of HOSTILE[param.kind]) {
          for (const method of route.methods) {
            const url = urlFor(route, param.name, value)
            const response = await send(client, method, url, who)
            requests++
            if (response.status() !== 404 || SQL_TRACES.test(response.text())) {
              failures.push(
                `${method} ${url} → ${response.status()} ${response.text().slice(0, 160)}`
              )
            }
          }
        }
      }
    }
    assert.isAbove(requests, 200)
    assert.deepEqual(failures, [])
  }).timeout(180_000)

  test('the largest id a column holds reaches the handler, which answers it without an error', async ({
    client,
    assert,
  }) => {
    const who = await callers()
    const failures: string[] = []
    for (const route of routesWithParams().swept) {
      if (!route.methods.includes('GET')) continue
      for (const param of route.params) {
        const value = LARGEST[param.kind]
        if (!value) continue
        const url = urlFor(route, param.name, value)
        const response = await send(client, 'GET', url, who)
        // A person's page lists this tenant's entitlements of that id, none for an unknown one.
        if (![200, 404].includes(response.status()) || SQL_TRACES.test(response.text())) {
          failures.push(`GET ${url} → ${response.status()} ${response.text().slice(0, 160)}`)
          console.log(response.text().match(/<title>[^<]*|"message":"[^"]*/g))
        }
      }
    }
    assert.deepEqual(failures, [])
  }).timeout(60_000)
})

test.group('Query and body ids: out-of-range values', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  // One request per test: a database error aborts the test's global transaction.
  test('{$self} answers without a 500 or SQL')
    .with([
      'GET /operator/audit?tenantId=2147483648',
      'GET /staff/audit?actorUserId=99999999999999999999',
      'GET /staff/audit?page=99999999999999999999',
      'POST /staff/tenant tenantId=2147483648',
    ])
    .run(async ({ client, assert }, attempt) => {
      const [method, url, field] = attempt.split(' ')
      let request = send(client, method, url, await callers()).redirects(0)
      if (field) {
        const [name, value] = field.split('=')
        request = request.form({ [name]: value } as never)
      }
      const response = await request
      assert.isBelow(response.status(), 500, response.text().slice(0, 200))
      assert.notMatch(response.text(), SQL_TRACES)
    })
})
