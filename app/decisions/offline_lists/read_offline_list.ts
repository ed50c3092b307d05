import db from '@adonisjs/lucid/services/db'

export interface ListEntry {
  hash: string
  grantor: string
  benefit: string
  priority: number
  valid_from: string
  valid_until: string | null
}

export type RemovedEntry = Pick<ListEntry, 'hash' | 'grantor' | 'benefit' | 'valid_from'>

export interface OfflineListContents {
  kind: 'full' | 'delta'
  since: number | null
  /** The highest sequence of the provider's list: the `since` of the next delta. */
  sequence: number
  entries: ListEntry[]
  removed: RemovedEntry[]
}

/** The provider's highest sequence (0 for a list that never held anything). */
export async function currentSequence(providerTenantId: number): Promise<number> {
  const row = await db
    .from('offline_list_entries')
    .where('tenant_id', providerTenantId)
    .max('sequence as sequence')
    .first()
  return Number(row?.sequence ?? 0)
}

/*
 * One statement, so one snapshot: the sequence and the rows agree even while a refresh commits.
 * A full list is the rows not removed; a delta every row stamped after `since`.
 */
const LIST = `
SELECT top.sequence, e.list_hash, e.grantor, e.benefit, e.priority, e.removed,
       e.valid_from::text AS valid_from, e.valid_until::text AS valid_until
FROM (SELECT max(sequence) AS sequence FROM offline_list_entries WHERE tenant_id = :provider) AS top
LEFT JOIN LATERAL (
  SELECT * FROM offline_list_entries
  WHERE tenant_id = :provider AND (CASE WHEN :since::bigint IS NULL THEN NOT removed
                                        ELSE sequence > :since::bigint END)
  ORDER BY list_hash, grantor, benefit, valid_from
) AS e ON true`

/**
 * The provider's stored list: all current entries, or what changed after `since` (entries
 * added or changed, and the keys of removed ones).
 */
export async function readOfflineList(
  providerTenantId: number,
  since: number | null
): Promise<OfflineListContents> {
  const result = await db.rawQuery(LIST, { provider: providerTenantId, since })
  const rows = (result.rows as Record<string, any>[]).filter((row) => row.list_hash !== null)
  return {
    kind: since === null ? 'full' : 'delta',
    since,
    sequence: Math.max(Number(result.rows[0]?.sequence ?? 0), since ?? 0),
    entries: rows
      .filter((row) => !row.removed)
      .map((row) => ({
        hash: row.list_hash,
        grantor: row.grantor,
        benefit: row.benefit,
        priority: Number(row.priority),
        valid_from: row.valid_from,
        valid_until: row.valid_until,
      })),
    removed: rows
      .filter((row) => row.removed)
      .map((row) => ({
        hash: row.list_hash,
        grantor: row.grantor,
        benefit: row.benefit,
        valid_from: row.valid_from,
      })),
  }
}
