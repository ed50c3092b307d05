import { errors as authErrors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import type { Actor } from '#catalogue/actor'

/*
| The API-client middleware (OAuth client credentials) is being built on
| another branch. These two functions are the only places the catalogue API
| reads it: the tenant the client belongs to, and how the client is named
| in the audit log and in the four-eyes rule. Adapt them when it lands.
*/
interface ApiClientLike {
  id: number | string
  tenantId?: number
}

export function apiTenant(ctx: HttpContext) {
  const tenant = ctx.tenantContext?.tenant
  if (!tenant)
    throw new authErrors.E_UNAUTHORIZED_ACCESS('Unauthorized access', { guardDriverName: 'api' })
  return tenant
}

export function apiActor(ctx: HttpContext): Actor {
  const client = (ctx as unknown as { apiClient?: ApiClientLike }).apiClient
  const user = ctx.auth?.user
  if (user) return { userId: user.id, label: user.email, ctx }
  return { userId: null, label: `api-client:${client?.id ?? 'unknown'}`, ctx }
}

const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

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

/** The API speaks snake_case (contracts.md); the form's validators camelCase. */
export const fromApi = (body: unknown) => mapKeys(body, camel, ['extra']) as Record<string, unknown>
export const toApi = (body: unknown) => mapKeys(body, snake, ['extra'])
