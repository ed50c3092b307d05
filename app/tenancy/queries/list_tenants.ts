import Tenant from '#tenancy/models/tenant'
import type { TenantKind, TenantStatus } from '#platform/access/roles'

/** All tenants for the operator, optionally by kind and status, by name. */
export async function listTenants(filters: { kind?: TenantKind; status?: TenantStatus } = {}) {
  const query = Tenant.query().orderBy('name', 'asc').orderBy('id', 'asc')
  if (filters.kind) query.where('kind', filters.kind)
  if (filters.status) query.where('status', filters.status)
  return query
}
