import db from '@adonisjs/lucid/services/db'

/**
 * Whether a token's client may still call the API, looked up at most once per
 * TTL per client on each web node. Revoking or rotating forgets the entry on
 * the node that did it at once; other nodes follow within the TTL.
 */
export const CLIENT_STATE_TTL_MS = 10_000

export interface ApiClientState {
  live: boolean
  generation: number
  rateLimitPerMinute: number
  name: string
}

const cache = new Map<number, { state: ApiClientState | null; expiresAt: number }>()

export async function getApiClientState(clientPk: number): Promise<ApiClientState | null> {
  const hit = cache.get(clientPk)
  if (hit && hit.expiresAt > Date.now()) return hit.state

  const row = await db
    .from('api_clients')
    .leftJoin('tenants', 'tenants.id', 'api_clients.tenant_id')
    .where('api_clients.id', clientPk)
    .select(
      'api_clients.name',
      'api_clients.revoked_at',
      'api_clients.secret_generation',
      'api_clients.rate_limit_per_minute',
      'api_clients.owner_type',
      'tenants.status as tenant_status'
    )
    .first()
  const state: ApiClientState | null = row
    ? {
        // A suspended tenant's clients stop working with the tenant.
        live:
          row.revoked_at === null &&
          (row.owner_type !== 'tenant' || row.tenant_status === 'active'),
        generation: Number(row.secret_generation),
        rateLimitPerMinute: Number(row.rate_limit_per_minute),
        name: row.name,
      }
    : null
  cache.set(clientPk, { state, expiresAt: Date.now() + CLIENT_STATE_TTL_MS })
  return state
}

export function forgetApiClientState(clientPk: number) {
  cache.delete(clientPk)
}
