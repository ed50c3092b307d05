import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import {
  GENESIS_MAC,
  auditMac,
  legacyAuditHash,
  type AuditFields,
} from '#platform/audit/audit_hash'
import { auditMacKey } from '#platform/audit/audit_keys'
import { auditRowFields, type AuditRow } from '#platform/audit/audit_row'

interface LegacyRow extends AuditRow {
  prev_mac: string
  mac: string
}

export interface RechainResult {
  entries: number
  /** First entry where the old unkeyed chain did not verify (null: it verified). */
  legacyBrokenId: number | null
}

/**
 * Re-chains entries written under the unkeyed SHA-256 chain under the MAC key, in id order, and
 * sets the chain head. Runs once, from migration 1320, as the table owner with the append-only
 * trigger disabled by the caller. The old chain is checked on the way; where it was already
 * broken, the caller records that in the log itself (the new MACs must not launder it).
 */
export async function rechainAuditLog(client: QueryClientContract, batchSize = 1000) {
  const key = auditMacKey()
  let prevHash = GENESIS_MAC
  let prevMac = GENESIS_MAC
  let lastId = 0
  let entries = 0
  let legacyBrokenId: number | null = null

  for (;;) {
    const rows: LegacyRow[] = await client
      .from('audit_logs')
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(batchSize)
    if (rows.length === 0) break

    const updates = rows.map((row) => {
      const fields = auditRowFields(row)
      const legacyOk = row.prev_mac === prevHash && legacyAuditHash(prevHash, fields) === row.mac
      if (!legacyOk && legacyBrokenId === null) legacyBrokenId = Number(row.id)
      prevHash = row.mac
      const mac = auditMac(key, prevMac, fields)
      const update = { id: Number(row.id), prevMac, mac }
      prevMac = mac
      return update
    })
    await client.rawQuery(
      `UPDATE audit_logs AS a SET prev_mac = v.prev_mac, mac = v.mac
       FROM (VALUES ${updates.map(() => '(?::bigint, ?, ?)').join(', ')}) AS v(id, prev_mac, mac)
       WHERE a.id = v.id`,
      updates.flatMap((u) => [u.id, u.prevMac, u.mac])
    )
    entries += rows.length
    lastId = updates[updates.length - 1].id
  }

  if (entries > 0) {
    // The re-chain itself is on the record, with what the old chain looked like.
    const fields: AuditFields = {
      tenantId: null,
      actorUserId: null,
      actorLabel: 'migration 1320',
      action: 'audit.chain.rekeyed',
      subjectType: null,
      subjectId: null,
      metadata: { entries, legacyVerified: legacyBrokenId === null, legacyBrokenId },
      requestId: null,
      ip: null,
      createdAt: DateTime.utc().toISO()!,
    }
    const mac = auditMac(key, prevMac, fields)
    const [row] = await client
      .insertQuery()
      .table('audit_logs')
      .insert({
        actor_label: fields.actorLabel,
        action: fields.action,
        metadata: JSON.stringify(fields.metadata),
        created_at: fields.createdAt,
        prev_mac: prevMac,
        mac,
      })
      .returning('id')
    lastId = Number(row.id ?? row)
    prevMac = mac
    entries++
  }

  // No entries: the first writer creates the head. Re-chained ones are checkpointed at once.
  if (entries === 0) return { entries, legacyBrokenId } satisfies RechainResult
  await client.rawQuery(
    `INSERT INTO audit_chain_head (id, last_id, last_mac, entry_count, checkpoint_count)
     VALUES (1, ?, ?, ?, 0)
     ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_mac = EXCLUDED.last_mac,
       entry_count = EXCLUDED.entry_count, checkpoint_count = 0, checkpoint_at = NULL`,
    [lastId, prevMac, entries]
  )
  return { entries, legacyBrokenId } satisfies RechainResult
}
