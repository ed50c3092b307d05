import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import AuditLog from '#platform/audit/audit_log'
import { GENESIS_HASH, auditHash } from '#platform/audit/audit_hash'

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

/**
 * Appends one row to the hash-chained audit log. Rows are never updated or
 * deleted (a trigger refuses it); `node ace audit:verify` recomputes the chain.
 */
export async function recordAudit(entry: AuditEntry) {
  const write = async (trx: TransactionClientContract) => {
    await trx.rawQuery('SELECT pg_advisory_xact_lock(?)', [CHAIN_LOCK])
    const last = await trx.from('audit_logs').select('hash').orderBy('id', 'desc').first()
    const prevHash: string = last?.hash ?? GENESIS_HASH
    const user = entry.ctx?.auth?.user
    const fields = {
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
    return AuditLog.create(
      {
        ...fields,
        createdAt: DateTime.fromISO(fields.createdAt),
        prevHash,
        hash: auditHash(prevHash, fields),
      },
      { client: trx }
    )
  }
  return entry.trx ? write(entry.trx) : db.transaction(write)
}
