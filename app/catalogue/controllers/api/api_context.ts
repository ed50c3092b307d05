import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#tenancy/models/tenant'
import { ApiError } from '#platform/api/api_error'
import type { Actor } from '#catalogue/actor'

/**
 * The tenant the API client belongs to (set by `apiAuth` as `ctx.apiClient`).
 * A data source's client has no tenant and no catalogue: 403. The middleware
 * has already refused revoked clients and suspended tenants.
 */
export async function apiTenant(ctx: HttpContext) {
  const client = ctx.apiClient
  if (!client) throw ApiError.unauthorized()
  if (client.tenantId === null) throw ApiError.forbidden()
  return Tenant.findOrFail(client.tenantId)
}

/**
 * The API client itself is the actor of an API write: no user, labelled
 * `api_client:<client_id>` in the version (author, publisher) and in the
 * audit log. The four-eyes rule compares such actors by label, so a version
 * a client created cannot be published by the same client; another client
 * or a staff member may publish it.
 */
export function apiActor(ctx: HttpContext): Actor {
  const client = ctx.apiClient
  if (!client) throw ApiError.unauthorized()
  return { userId: null, label: `api_client:${client.clientId}`, ctx }
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

function mapKeys(value: unknown, rename: (key: string) => string, skip: string[] = []): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, rename, skip))
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        rename(key),
        // Plugin field keys are data, not names to convert.
        skip.includes(key) ? inner : mapKeys(inner, rename, skip),
      ])
    )
  }
  return value
}

/**
 * The API speaks snake_case (docs/contracts.md, "Grantors' systems"); the form's validators
 * camelCase.
 */
export const fromApi = (body: unknown) => mapKeys(body, camel, ['extra']) as Record<string, unknown>
export const toApi = (body: unknown) => mapKeys(body, snake, ['extra'])
