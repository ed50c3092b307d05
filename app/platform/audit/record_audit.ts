import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#platform/audit/audit_log'
import { auditMac, type AuditFields } from '#platform/audit/audit_hash'
import { auditMacKey } from '#platform/audit/audit_keys'
import { auditSettings } from '#platform/audit/audit_settings'
import {
  UPDATE_CHAIN_HEAD_SQL,
  chainHeadBindings,
  lockChainHead,
} from '#platform/audit/audit_chain_head'
import {
  INSERT_CHECKPOINT_SQL,
  checkpointBindings,
  checkpointDue,
  checkpointHead,
  exportCheckpoint,
} from '#platform/audit/audit_checkpoint'
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
 * Chains `rows` onto the chain head, inside `trx`: the head's row lock serialises writers until
 * commit, so the head's last id numbers the batch. Two statements per batch: lock the head, then
 * one that inserts the rows, moves the head and, when one is due, stores a signed checkpoint. The
 * checkpoint reaches the file only after the commit, so the file never names rolled-back entries.
 * The chain runs across tenants (a group commit mixes them), so it is written in the platform's
 * scope.
 */
function appendRows(trx: TransactionClientContract, rows: Fields[]): Promise<AuditLog[]> {
  return platformScope('audit_write', () => appendChained(trx, rows))
}

async function appendChained(trx: TransactionClientContract, rows: Fields[]): Promise<AuditLog[]> {
  const head = await lockChainHead(trx)
  const key = auditMacKey()
  let prevMac = head.lastMac
  let id = head.lastId
  const values = rows.map((fields) => {
    const mac = auditMac(key, prevMac, fields)
    const row = {
      id: ++id,
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
      prev_mac: prevMac,
      mac,
    }
    prevMac = mac
    return row
  })
  head.lastId = id
  head.lastMac = prevMac
  head.entryCount += rows.length
  const checkpoint = checkpointDue(head, auditSettings().now()) ? checkpointHead(head) : null

  const insert = trx.insertQuery().table('audit_logs').multiInsert(values).returning('*').toSQL()
  const ctes = [`inserted AS (${insert.sql})`, `head AS (${UPDATE_CHAIN_HEAD_SQL})`]
  const bindings = [...insert.bindings, ...chainHeadBindings(head)]
  if (checkpoint) {
    ctes.push(`checkpoint AS (${INSERT_CHECKPOINT_SQL})`)
    bindings.push(...checkpointBindings(checkpoint))
    // The table keeps the checkpoint if the file cannot be written; the audited call goes on.
    trx.after('commit', () =>
      exportCheckpoint(checkpoint).catch((error) =>
        logger.error({ err: error }, 'audit checkpoint not written to the checkpoint file')
      )
    )
  }
  const result = await trx.rawQuery(
    `WITH ${ctes.join(', ')} SELECT * FROM inserted ORDER BY id`,
    bindings as any[]
  )
  return result.rows.map((row: Record<string, unknown>) => AuditLog.$createFromAdapterResult(row)!)
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
 * Appends one row to the MAC-chained audit log. Rows are never updated or
 * deleted (a trigger refuses it); `node ace audit:verify` recomputes the chain
 * and checks it against the signed checkpoints.
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
