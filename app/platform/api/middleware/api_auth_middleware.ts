import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import limiter from '@adonisjs/limiter/services/main'
import { ApiError } from '#platform/api/api_error'
import { verifyAccessToken } from '#platform/api/access_tokens'
import { getApiClientState } from '#platform/api/api_client_state'
import type { ApiClientOwnerType, ApiScope } from '#platform/api/scopes'
import { platformScope, runInTenantOrNone } from '#platform/database/tenant_scope'

/** The machine client a /api/v1 request acts for. */
export interface ApiPrincipal {
  /** api_clients.id */
  id: number
  clientId: string
  name: string
  ownerType: ApiClientOwnerType
  ownerId: number
  /** The owning tenant; null for a data source's client. */
  tenantId: number | null
  /** The scopes of this token (a subset of the client's). */
  scopes: ApiScope[]
}

function bearerToken(ctx: HttpContext) {
  const header = ctx.request.header('authorization') ?? ''
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header)
  return match ? match[1] : null
}

/**
 * Authenticates a machine request by its bearer token (never by a cookie),
 * checks the client is still live, applies the client's per-minute limit and
 * the scopes the route asks for, then puts `ctx.apiClient` on the context.
 */
export default class ApiAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { scopes?: ApiScope[] } = {}) {
    const token = bearerToken(ctx)
    if (!token) throw ApiError.unauthorized('api.errors.token_missing')
    const claims = await verifyAccessToken(token)
    if (!claims) throw ApiError.unauthorized('api.errors.token_invalid')
    const state = await platformScope('identity_resolution', () =>
      getApiClientState(claims.clientPk)
    )
    if (!state || !state.live || state.generation !== claims.generation) {
      throw ApiError.unauthorized('api.errors.token_invalid')
    }

    const limit = limiter.use({ requests: state.rateLimitPerMinute, duration: '1 minute' })
    const used = await limit.increment(`api:client:${claims.clientPk}`)
    ctx.response.header('RateLimit-Limit', String(used.limit))
    ctx.response.header('RateLimit-Remaining', String(Math.max(0, used.remaining)))
    if (used.consumed > used.limit) throw ApiError.tooManyRequests(used.availableIn)

    const missing = (options.scopes ?? []).filter((scope) => !claims.scopes.includes(scope))
    if (missing.length > 0) {
      throw ApiError.forbidden('api.errors.scope_missing', { scopes: missing.join(', ') })
    }

    ctx.apiClient = {
      id: claims.clientPk,
      clientId: claims.clientId,
      name: state.name,
      ownerType: claims.ownerType,
      ownerId: claims.ownerId,
      tenantId: claims.tenantId,
      scopes: claims.scopes,
    }
    // A tenant's client sees its tenant's rows only; a data source's client no tenant's.
    return runInTenantOrNone(claims.tenantId, next)
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    apiClient?: ApiPrincipal
  }
}
