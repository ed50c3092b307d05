import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import ApiClient from '#platform/api/models/api_client'
import { recordAudit } from '#platform/audit/record_audit'
import { generateClientId, generateClientSecret, hashClientSecret } from '#platform/api/credentials'
import { type ApiClientOwner, ownerColumns, scopesOf } from '#platform/api/owner'
import type { ApiScope } from '#platform/api/scopes'

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600

export class ScopeNotAllowedError extends Error {
  constructor(readonly scopes: string[]) {
    super(`Scopes not allowed for this owner: ${scopes.join(', ')}`)
    this.name = 'ScopeNotAllowedError'
  }
}

/**
 * Creates an API client for a tenant or a data source. The secret is returned
 * here once and never again: only its hash is kept.
 */
export default class CreateApiClient {
  async handle(input: {
    owner: ApiClientOwner
    name: string
    scopes: ApiScope[]
    rateLimitPerMinute?: number
    ctx?: HttpContext
  }) {
    const allowed = scopesOf(input.owner)
    const refused = input.scopes.filter((scope) => !allowed.includes(scope))
    if (refused.length > 0 || input.scopes.length === 0) throw new ScopeNotAllowedError(refused)

    const secret = generateClientSecret()
    const client = await db.transaction(async (trx) => {
      const created = await ApiClient.create(
        {
          ...ownerColumns(input.owner),
          name: input.name,
          clientId: generateClientId(),
          secretHash: hashClientSecret(secret),
          secretGeneration: 1,
          scopes: [...new Set(input.scopes)],
          rateLimitPerMinute: input.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        },
        { client: trx }
      )
      await recordAudit({
        action: 'api.client.created',
        tenantId: created.tenantId,
        subjectType: 'api_client',
        subjectId: created.id,
        metadata: {
          clientId: created.clientId,
          name: created.name,
          ownerType: created.ownerType,
          ownerId: created.ownerId,
          scopes: created.scopes,
          rateLimitPerMinute: created.rateLimitPerMinute,
        },
        ctx: input.ctx,
        trx,
      })
      return created
    })
    return { client, secret }
  }
}
