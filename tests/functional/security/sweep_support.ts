import type { ApiClient as HttpClient, ApiResponse } from '@japa/api-client'
import router from '@adonisjs/core/services/router'
import type User from '#tenancy/models/user'
import type { TenantWorld } from '#tests/support/tenant_world'
import { bearerFor } from '../api/fixtures.js'
import { EXEMPT, SWEPT, type SweptRoute } from './cross_tenant_routes.js'

export interface ListedRoute {
  key: string
  pattern: string
  methods: string[]
  params: string[]
}

/** Every route of the app, plugins included, as the router holds it once committed. */
export function listRoutes(): ListedRoute[] {
  return Object.values(router.toJSON())
    .flat()
    .map((route) => ({
      key: route.name ?? `${route.methods.join('|')} ${route.pattern}`,
      pattern: route.pattern,
      methods: route.methods,
      // Token type 0 is a static segment; the others are parameters and wildcards.
      params: route.tokens.filter((token) => token.type !== 0).map((token) => token.val),
    }))
}

/** How the route list splits between the sweep's table and its exemptions. */
export function sweepCoverage(routes: ListedRoute[]) {
  const idTaking = routes.filter((route) => route.params.length > 0)
  const known = new Set(routes.map((route) => route.key))
  return {
    idTaking,
    swept: idTaking.filter((route) => route.key in SWEPT),
    exempted: idTaking.filter((route) => route.key in EXEMPT),
    unlisted: idTaking.filter((route) => !(route.key in SWEPT) && !(route.key in EXEMPT)),
    sweptByQueryOrBody: routes.filter((r) => r.params.length === 0 && r.key in SWEPT),
    stale: [...Object.keys(SWEPT), ...Object.keys(EXEMPT)].filter((key) => !known.has(key)),
    both: Object.keys(EXEMPT).filter((key) => key in SWEPT),
  }
}

export function fillPattern(pattern: string, params: Record<string, string | number>) {
  return pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)\??/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`No value for :${name} in ${pattern}`)
    return encodeURIComponent(String(params[name]))
  })
}

export const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface Caller {
  staff: User
  bearer: { api: string; source: string }
}

/** A world's staff admin, its tenant API client's token and its data source client's token. */
export async function callerOf(world: TenantWorld): Promise<Caller> {
  return {
    staff: world.admin,
    bearer: {
      api: await bearerFor(world.apiClient),
      source: await bearerFor(world.dataSource.client),
    },
  }
}

/** The route called as the caller, with the world's parameters already in the URL. */
export function send(
  client: HttpClient,
  caller: Caller,
  entry: SweptRoute,
  method: string,
  url: string,
  world: TenantWorld
): Promise<ApiResponse> {
  let request = client.request(url, method).redirects(0)
  if (entry.query) request = request.qs(entry.query(world))
  if (entry.body && WRITES.has(method)) request = request.json(entry.body(world))
  if (entry.as === 'staff') return request.loginAs(caller.staff).withCsrfToken()
  return request.header('Authorization', caller.bearer[entry.as])
}
