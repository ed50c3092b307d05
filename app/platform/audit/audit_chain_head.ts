import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { GENESIS_MAC } from '#platform/audit/audit_hash'
import { auditSettings } from '#platform/audit/audit_settings'

/**
 * The chain head lives in its own one-row table, so appending never reads audit_logs (which
 * row-level security may hide in part) and its row lock is the chain lock every writer takes.
 */
export interface ChainHead {
  lastId: number
  lastMac: string
  entryCount: number
  /** entry_count when the last checkpoint was signed, and when. */
  checkpointCount: number
  checkpointAt: Date | null
}

interface HeadRow {
  last_id: string | number
  last_mac: string
  entry_count: string | number
  checkpoint_count: string | number
  checkpoint_at: Date | string | null
}

function toHead(row: HeadRow): ChainHead {
  return {
    lastId: Number(row.last_id),
    lastMac: row.last_mac,
    entryCount: Number(row.entry_count),
    checkpointCount: Number(row.checkpoint_count),
    checkpointAt: row.checkpoint_at === null ? null : new Date(row.checkpoint_at),
  }
}

/** Locks the head until `client`'s transaction ends; creates it if the table was emptied. */
export async function lockChainHead(client: QueryClientContract): Promise<ChainHead> {
  const select = 'SELECT * FROM audit_chain_head WHERE id = 1 FOR UPDATE'
  let result = await client.rawQuery(select)
  if (!result.rows[0]) {
    // A new chain counts its first "every M minutes" from now.
    await client.rawQuery(
      `INSERT INTO audit_chain_head
         (id, last_id, last_mac, entry_count, checkpoint_count, checkpoint_at)
       VALUES (1, 0, ?, 0, 0, ?) ON CONFLICT (id) DO NOTHING`,
      [GENESIS_MAC, auditSettings().now().toISOString()]
    )
    result = await client.rawQuery(select)
  }
  return toHead(result.rows[0])
}

/** Reads the head without locking it (verification). Null when the table is empty. */
export async function readChainHead(client: QueryClientContract): Promise<ChainHead | null> {
  const result = await client.rawQuery('SELECT * FROM audit_chain_head WHERE id = 1')
  return result.rows[0] ? toHead(result.rows[0]) : null
}

/** Moves the head; also usable as a data-modifying CTE next to the batch's INSERT. */
export const UPDATE_CHAIN_HEAD_SQL = `UPDATE audit_chain_head SET last_id = ?, last_mac = ?,
  entry_count = ?, checkpoint_count = ?, checkpoint_at = ? WHERE id = 1`

export function chainHeadBindings(head: ChainHead) {
  return [
    head.lastId,
    head.lastMac,
    head.entryCount,
    head.checkpointCount,
    head.checkpointAt?.toISOString() ?? null,
  ]
}

export async function saveChainHead(client: QueryClientContract, head: ChainHead) {
  await client.rawQuery(UPDATE_CHAIN_HEAD_SQL, chainHeadBindings(head) as any[])
}
