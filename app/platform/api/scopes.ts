import type { TenantKind } from '#platform/access/roles'

/**
 * What an API client may be allowed to do. A route asks for scopes with
 * `middleware.apiAuth({ scopes: [...] })`; a client gets a subset of the
 * scopes its owner may hold.
 */
export const API_SCOPES = [
  'catalogue:read',
  'catalogue:write',
  'entitlements:read',
  'registers:write',
  'decisions:write',
  'transactions:write',
  'offline-list:read',
  'services:read',
] as const
export type ApiScope = (typeof API_SCOPES)[number]

export const OWNER_TYPES = ['tenant', 'data_source'] as const
export type ApiClientOwnerType = (typeof OWNER_TYPES)[number]

const GRANTOR_SCOPES: ApiScope[] = ['catalogue:read', 'catalogue:write', 'entitlements:read']
/** Point of use: only a service provider's systems ask decisions and send transactions. */
const PROVIDER_SCOPES: ApiScope[] = [
  'catalogue:read',
  'services:read',
  'decisions:write',
  'offline-list:read',
  'transactions:write',
]

/** Scopes a tenant of each kind may give its clients. */
export const TENANT_SCOPES: Record<TenantKind, ApiScope[]> = {
  state_grantor: GRANTOR_SCOPES,
  municipality: GRANTOR_SCOPES,
  merchant: GRANTOR_SCOPES,
  service_provider: PROVIDER_SCOPES,
  platform_operator: [],
}

/** Scopes a data source's client may hold. */
export const DATA_SOURCE_SCOPES: ApiScope[] = ['registers:write']

export function allowedScopes(
  owner: { type: 'tenant'; kind: TenantKind } | { type: 'data_source' }
): ApiScope[] {
  return owner.type === 'tenant' ? TENANT_SCOPES[owner.kind] : DATA_SOURCE_SCOPES
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value)
}
