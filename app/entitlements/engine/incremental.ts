import type { EngineSetup, ScopeResult } from '#entitlements/engine/engine'
import { evaluateScope } from '#entitlements/engine/engine'
import type { Sql } from '#entitlements/engine/sql'

/** Keeps two incremental passes from working on the same change log rows. */
const INCREMENTAL_LOCK = 7_340_905

export interface IncrementalResult extends ScopeResult {
  /** Change log position after the pass. */
  position: number
  /** Whether the catalogue (a publication, a group) changed since the last pass. */
  catalogueChanged: boolean
}

/** A fingerprint of what the compiled rule set depends on. */
export async function catalogueStamp(sql: Sql): Promise<string> {
  const result = await sql.query<{ stamp: string }>(
    `SELECT concat_ws('|',
       (SELECT max(updated_at)::text FROM benefit_versions WHERE status <> 'draft'),
       (SELECT count(*)::text FROM benefit_versions WHERE status = 'published'),
       (SELECT max(updated_at)::text FROM person_groups)) AS stamp`
  )
  return result.rows[0]?.stamp ?? ''
}

/**
 * One incremental pass: the persons named by the register change log after the stored cursor
 * and by group memberships changed since the last pass are re-evaluated, and the cursor moves
 * in the same transaction as their entitlements. Answers null when another pass holds the lock.
 */
export async function runIncrementalPass(
  sql: Sql,
  setup: EngineSetup,
  options: { limit?: number } = {}
): Promise<IncrementalResult | null> {
  const locked = await sql.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
    INCREMENTAL_LOCK,
  ])
  if (!locked.rows[0]?.ok) return null
  try {
    // Stamps stay text: a JavaScript Date would drop the microseconds PostgreSQL keeps, and
    // every membership of the last millisecond would look changed on every pass.
    const cursor = await sql.query<{ name: string; position: string; stamp: string | null }>(
      `SELECT name, position, stamp::text AS stamp FROM entitlement_cursors
        WHERE name IN ('change_log', 'groups')`
    )
    const position = Number(cursor.rows.find((row) => row.name === 'change_log')?.position ?? 0)
    const groupStamp = cursor.rows.find((row) => row.name === 'groups')?.stamp ?? null

    const changes = await sql.query<[string, string]>({
      text: `SELECT id, person_id FROM change_log WHERE id > $1 ORDER BY id LIMIT $2`,
      values: [position, options.limit ?? 20_000],
      rowMode: 'array',
    })
    const ids = new Set(changes.rows.map(([, personId]) => Number(personId)))
    const nextPosition = changes.rows.length
      ? Number(changes.rows[changes.rows.length - 1][0])
      : position

    const members = await sql.query<[string, string]>({
      text: `WITH changed AS (
               SELECT p.id, m.updated_at FROM person_group_members m
                 JOIN persons p ON p.code_hash = m.person_code_hash
                WHERE $1::timestamptz IS NULL OR m.updated_at > $1::timestamptz
             )
             SELECT id, (SELECT max(updated_at) FROM changed)::text FROM changed`,
      values: [groupStamp],
      rowMode: 'array',
    })
    let nextGroupStamp = groupStamp
    for (const [personId, stamp] of members.rows) {
      ids.add(Number(personId))
      nextGroupStamp = stamp
    }

    const empty = { persons: 0, computed: 0, granted: 0, ended: 0, changed: 0 }
    if (ids.size === 0) return { ...empty, position, catalogueChanged: false }
    const result = await evaluateScope(sql, setup, { ids: [...ids] }, null, async () => {
      await sql.query(
        `INSERT INTO entitlement_cursors (name, position, updated_at) VALUES ('change_log', $1, now())
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
        [nextPosition]
      )
      if (nextGroupStamp !== groupStamp) {
        await sql.query(
          `INSERT INTO entitlement_cursors (name, position, stamp, updated_at) VALUES ('groups', 0, $1, now())
           ON CONFLICT (name) DO UPDATE SET stamp = excluded.stamp, updated_at = now()`,
          [nextGroupStamp]
        )
      }
      return true
    })
    return { ...(result ?? empty), position: nextPosition, catalogueChanged: false }
  } finally {
    await sql.query('SELECT pg_advisory_unlock($1)', [INCREMENTAL_LOCK])
  }
}
