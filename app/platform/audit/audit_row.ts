import { DateTime } from 'luxon'
import type { AuditFields } from '#platform/audit/audit_hash'

/** An audit_logs row as the driver returns it. */
export interface AuditRow {
  id: string | number
  tenant_id: number | null
  actor_user_id: number | null
  actor_label: string | null
  action: string
  subject_type: string | null
  subject_id: string | null
  metadata: Record<string, unknown> | string
  request_id: string | null
  ip: string | null
  created_at: Date | string
}

function createdAtIso(value: Date | string) {
  const time = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
  return time.toUTC().toISO()!
}

/** The fields a MAC covers, read back from a stored row. */
export function auditRowFields(row: AuditRow): AuditFields {
  return {
    tenantId: row.tenant_id,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    metadata: typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata,
    requestId: row.request_id,
    ip: row.ip,
    createdAt: createdAtIso(row.created_at),
  }
}
