import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { GENESIS_HASH, auditHash } from '#platform/audit/audit_hash'

export interface AuditChainReport {
  ok: boolean
  /** Rows checked (up to and including the broken one). */
  checked: number
  total: number
  /** First row that does not verify, and why. */
  brokenId?: number
  reason?: AuditChainBreak
}

/** prev_hash_mismatch: a row was removed, inserted or reordered; hash_mismatch: a row was changed. */
export type AuditChainBreak = 'prev_hash_mismatch' | 'hash_mismatch'

export const AUDIT_CHAIN_BREAK_MESSAGES: Record<AuditChainBreak, string> = {
  prev_hash_mismatch:
    'prev_hash does not match the hash of the row before it (a row was removed, inserted or reordered)',
  hash_mismatch:
    "hash does not match the row's contents (the row was changed after it was written)",
}

export interface VerifyAuditChainOptions {
  batchSize?: number
  onProgress?: (checked: number, total: number) => void
}

interface AuditRow {
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
  prev_hash: string
  hash: string
}

function createdAtIso(value: Date | string) {
  const time = value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromSQL(value)
  return time.toUTC().toISO()!
}

/**
 * Walks the audit chain in id order, in batches, recomputing every hash from
 * the row's fields and the previous row's hash (see record_audit.ts). Stops
 * at the first row that does not verify.
 */
export async function verifyAuditChain(options: VerifyAuditChainOptions = {}) {
  const batchSize = options.batchSize ?? 1000
  const [{ count }] = await db.from('audit_logs').count('* as count')
  const total = Number(count)
  let prevHash = GENESIS_HASH
  let lastId = 0
  let checked = 0

  for (;;) {
    const rows: AuditRow[] = await db
      .from('audit_logs')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(batchSize)
    if (rows.length === 0) break

    for (const row of rows) {
      checked++
      const id = Number(row.id)
      if (row.prev_hash !== prevHash) {
        const reason: AuditChainBreak = 'prev_hash_mismatch'
        return { ok: false, checked, total, brokenId: id, reason } satisfies AuditChainReport
      }
      const metadata = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata
      const expected = auditHash(prevHash, {
        tenantId: row.tenant_id,
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        metadata,
        requestId: row.request_id,
        ip: row.ip,
        createdAt: createdAtIso(row.created_at),
      })
      if (expected !== row.hash) {
        const reason: AuditChainBreak = 'hash_mismatch'
        return { ok: false, checked, total, brokenId: id, reason } satisfies AuditChainReport
      }
      prevHash = row.hash
      lastId = id
    }
    options.onProgress?.(checked, total)
  }

  return { ok: true, checked, total } satisfies AuditChainReport
}
