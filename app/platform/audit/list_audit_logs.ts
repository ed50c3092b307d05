import AuditLog from '#platform/audit/audit_log'

export interface AuditFilters {
  /** Always set for staff; optional for the operator, who sees every tenant. */
  tenantId?: number
  action?: string
  actorUserId?: number
  page?: number
  perPage?: number
}

export const AUDIT_PAGE_SIZE = 25

/** Audit rows, newest first, a page at a time. */
export async function listAuditLogs(filters: AuditFilters) {
  const query = AuditLog.query().orderBy('id', 'desc')
  if (filters.tenantId !== undefined) query.where('tenant_id', filters.tenantId)
  if (filters.action) query.where('action', 'like', `${filters.action.replace(/[%_\\]/g, '\\$&')}%`)
  if (filters.actorUserId !== undefined) query.where('actor_user_id', filters.actorUserId)
  const perPage = Math.min(Math.max(1, filters.perPage ?? AUDIT_PAGE_SIZE), 200)
  return query.paginate(Math.max(1, Math.floor(filters.page ?? 1) || 1), perPage)
}
