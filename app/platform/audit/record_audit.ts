import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#platform/audit/audit_log'
import { GENESIS_HASH, auditHash, type AuditFields } from '#platform/audit/audit_hash'
import { platformScope } from '#platform/database/tenant_scope'

export interface AuditEntry {
  action: string
  tenantId?: number | null
  actorUserId?: number | null
  actorLabel?: string | null
  subjectType?: string | null
  subjectId?: string | number | null
  metadata?: Record<string, unknown>
  /** Fills request id, ip and (when logged in) the actor. */
  ctx?: HttpContext
  /** Write inside the caller's transaction. */
  trx?: TransactionClientContract
}

// Serialises writers so each row chains onto the one before it.
const CHAIN_LOCK = 7_340_001
const MAX_BATCH = 500

type Fields = AuditFields

interface Pending {
  fields: Fields
  done: (row: AuditLog | null, error?: unknown) => void
}

function auditFields(entry: AuditEntry): Fields {
  const user = entry.ctx?.auth?.user
  return {
    tenantId: entry.tenantId ?? entry.ctx?.tenantContext?.tenantId ?? null,
    actorUserId: entry.actorUserId ?? user?.id ?? null,
    actorLabel: entry.actorLabel ?? user?.email ?? null,
    action: entry.action,
    subjectType: entry.subjectType ?? null,
    subjectId:
      entry.subjectId === undefined || entry.subjectId === null ? null : String(entry.subjectId),
    metadata: entry.metadata ?? {},
    requestId: entry.ctx?.request.id() ?? null,
    ip: entry.ctx?.request.ip() ?? null,
    createdAt: DateTime.utc().toISO()!,
  }
}

/**
 * Chains `rows` onto the newest row, inside `trx` (which holds the chain lock until commit).
 * The chain runs across tenants (and a group commit mixes them), so it is written in the
 * platform's scope.
 */
function appendRows(trx: TransactionClientContract, rows: Fields[]): Promise<AuditLog[]> {
  return platformScope('audit_write', () => appendChained(trx, rows))
}

async function appendChained(trx: TransactionClientContract, rows: Fields[]): Promise<AuditLog[]> {
  await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [CHAIN_LOCK])
  const last = await trx.from('audit_logs').select('hash').orderBy('id', 'desc').first()
  let prevHash: string = last?.hash ?? GENESIS_HASH
  const values = rows.map((fields) => {
    const hash = auditHash(prevHash, fields)
    const row = {
      tenant_id: fields.tenantId,
      actor_user_id: fields.actorUserId,
      actor_label: fields.actorLabel,
      action: fields.action,
      subject_type: fields.subjectType,
      subject_id: fields.subjectId,
      metadata: JSON.stringify(fields.metadata),
      request_id: fields.requestId,
      ip: fields.ip,
      created_at: fields.createdAt,
      prev_hash: prevHash,
      hash,
    }
    prevHash = hash
    return row
  })
  // One statement for the whole batch: a group commit of 50 rows is one round trip, not 50.
  const inserted = await trx.insertQuery().table('audit_logs').multiInsert(values).returning('*')
  return inserted.map((row: Record<string, unknown>) => AuditLog.$createFromAdapterResult(row)!)
}

/**
 * Group commit: entries that arrive while a batch is being written wait for the next batch, so
 * concurrent audited reads share one lock and one commit instead of queueing on the chain lock
 * one transaction each. Every caller still returns only after its own row is committed.
 */
let pending: Pending[] = []
let writing = false

async function writeBatches() {
  writing = true
  try {
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH)
      pending = pending.slice(batch.length)
      try {
        const rows = await platformScope('audit_write', () =>
          db.transaction((trx) =>
            appendRows(
              trx,
              batch.map((p) => p.fields)
            )
          )
        )
        batch.forEach((p, index) => p.done(rows[index]))
      } catch (error) {
        for (const p of batch) p.done(null, error)
      }
    }
  } finally {
    writing = false
  }
}

/**
 * Appends one row to the hash-chained audit log. Rows are never updated or
 * deleted (a trigger refuses it); `node ace audit:verify` recomputes the chain.
 * With `trx`, the row is written in the caller's transaction and commits with it.
 */
export async function recordAudit(entry: AuditEntry): Promise<AuditLog> {
  const fields = auditFields(entry)
  if (entry.trx) {
    const [row] = await appendRows(entry.trx, [fields])
    return row
  }
  return new Promise<AuditLog>((resolve, reject) => {
    pending.push({ fields, done: (row, error) => (row ? resolve(row) : reject(error)) })
    if (!writing) void writeBatches()
  })
}
