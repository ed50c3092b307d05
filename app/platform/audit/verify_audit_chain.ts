import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { GENESIS_HASH, auditHash } from '#platform/audit/audit_hash'

export interface AuditChainResult {
  ok: boolean
  checked: number
  /** Id of the first row that does not verify. */
  brokenAt?: number
  reason?: string
}

const BATCH = 1000

function iso(value: Date | string) {
  const time = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
  return time.toUTC().toISO()!
}

/**
 * Recomputes the audit chain in id order (see record_audit.ts): each row's
 * prev_hash must be the previous row's hash, and its hash must match its
 * fields. Stops at the first row that does not verify.
 */
export async function verifyAuditChain(): Promise<AuditChainResult> {
  let prevHash = GENESIS_HASH
  let lastId = 0
  let checked = 0
  for (;;) {
    const rows = await db
      .from('audit_logs')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(BATCH)
    if (rows.length === 0) return { ok: true, checked }

    for (const row of rows) {
      checked++
      const id = Number(row.id)
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenAt: id, reason: 'prev_hash_mismatch' }
      }
      const expected = auditHash(prevHash, {
        tenantId: row.tenant_id,
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        metadata: typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata,
        requestId: row.request_id,
        ip: row.ip,
        createdAt: iso(row.created_at),
      })
      if (expected !== row.hash) {
        return { ok: false, checked, brokenAt: id, reason: 'hash_mismatch' }
      }
      prevHash = row.hash
      lastId = id
    }
  }
}
