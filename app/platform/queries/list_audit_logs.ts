import AuditLog from '#platform/audit/audit_log'

export interface ListAuditLogsInput {
  /** The tenant whose rows staff may see; omit only for the platform operator (all rows). */
  tenantId?: number
  page?: number
  perPage?: number
}

/** Newest first, paginated. Tenant staff pass their tenant; the operator omits it. */
export async function listAuditLogs({ tenantId, page = 1, perPage = 50 }: ListAuditLogsInput) {
  const query = AuditLog.query().orderBy('id', 'desc')
  if (tenantId !== undefined) query.where('tenant_id', tenantId)
  return query.paginate(Math.max(1, Math.floor(page) || 1), Math.min(Math.max(1, perPage), 200))
}
