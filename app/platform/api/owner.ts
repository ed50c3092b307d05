import type { ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { ContextTenant } from '#platform/access/tenant_context'
import type ApiClient from '#platform/api/models/api_client'
import { allowedScopes, type ApiClientOwnerType } from '#platform/api/scopes'

/** Who an API client belongs to: a tenant, or a data source (registered by the operator). */
export type ApiClientOwner =
  | { type: 'tenant'; tenant: Pick<ContextTenant, 'id' | 'kind'> }
  | { type: 'data_source'; id: number }

export function ownerColumns(owner: ApiClientOwner): {
  ownerType: ApiClientOwnerType
  ownerId: number
  tenantId: number | null
} {
  return owner.type === 'tenant'
    ? { ownerType: 'tenant', ownerId: owner.tenant.id, tenantId: owner.tenant.id }
    : { ownerType: 'data_source', ownerId: owner.id, tenantId: null }
}

export function scopesOf(owner: ApiClientOwner) {
  return owner.type === 'tenant'
    ? allowedScopes({ type: 'tenant', kind: owner.tenant.kind })
    : allowedScopes({ type: 'data_source' })
}

/** Restricts a query to one owner's clients, so another owner's id is simply not found. */
export function whereOwner(
  query: ModelQueryBuilderContract<typeof ApiClient>,
  owner: ApiClientOwner
) {
  const columns = ownerColumns(owner)
  return query.where('owner_type', columns.ownerType).where('owner_id', columns.ownerId)
}
