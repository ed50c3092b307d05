import type { ScopeResult } from '#entitlements/engine/engine'
import type { Sql } from '#entitlements/engine/sql'

export type RunKind = 'full' | 'incremental'

/** Records a run and its chunks; the versions it evaluates are fixed at the start. */
export async function createRun(
  sql: Sql,
  input: {
    kind: RunKind
    versionIds: number[]
    chunks: { fromId: number; toId: number }[]
    startedBy?: number | null
  }
): Promise<number> {
  const run = await sql.query<{ id: string }>(
    `INSERT INTO entitlement_runs (kind, status, chunks_total, version_ids, started_by, started_at)
     VALUES ($1, $2, $3, $4::jsonb, $5, now()) RETURNING id`,
    [
      input.kind,
      input.chunks.length ? 'running' : 'finished',
      input.chunks.length,
      JSON.stringify(input.versionIds),
      input.startedBy ?? null,
    ]
  )
  const runId = Number(run.rows[0].id)
  if (input.chunks.length) {
    await sql.query(
      `INSERT INTO entitlement_run_chunks (run_id, position, from_id, to_id)
       SELECT $1, position - 1, from_id, to_id
         FROM unnest($2::bigint[], $3::bigint[]) WITH ORDINALITY AS t(from_id, to_id, position)`,
      [runId, input.chunks.map((c) => c.fromId), input.chunks.map((c) => c.toId)]
    )
  } else {
    await sql.query('UPDATE entitlement_runs SET finished_at = now() WHERE id = $1', [runId])
  }
  // Everything in the register change log so far is covered by this run.
  await advanceCursor(sql, 'change_log', 'SELECT coalesce(max(id), 0) FROM change_log')
  return runId
}

export async function advanceCursor(sql: Sql, name: string, positionSql: string) {
  await sql.query(
    `INSERT INTO entitlement_cursors (name, position, updated_at) VALUES ($1, (${positionSql}), now())
     ON CONFLICT (name) DO UPDATE SET position = greatest(entitlement_cursors.position, excluded.position),
                                      updated_at = now()`,
    [name]
  )
}

export interface RunRow {
  id: number
  kind: RunKind
  status: string
  version_ids: number[]
  chunks_total: number
  chunks_done: number
}

export async function getRun(sql: Sql, runId: number): Promise<RunRow | null> {
  const result = await sql.query<RunRow>(
    `SELECT id, kind, status, version_ids, chunks_total, chunks_done
       FROM entitlement_runs WHERE id = $1`,
    [runId]
  )
  return result.rows[0] ? { ...result.rows[0], id: Number(result.rows[0].id) } : null
}

export async function pendingChunks(sql: Sql, runId: number) {
  const result = await sql.query<{ position: number; from_id: string; to_id: string }>(
    `SELECT position, from_id, to_id FROM entitlement_run_chunks
      WHERE run_id = $1 AND done_at IS NULL ORDER BY position`,
    [runId]
  )
  return result.rows.map((row) => ({
    position: row.position,
    fromId: Number(row.from_id),
    toId: Number(row.to_id),
  }))
}

/**
 * Marks a chunk done and adds its counts to the run, inside the chunk's write transaction.
 * False when the chunk was already done (a job dispatched twice): the caller rolls back.
 */
export async function completeChunk(
  sql: Sql,
  runId: number,
  position: number,
  result: ScopeResult
): Promise<boolean> {
  const marked = await sql.query(
    `UPDATE entitlement_run_chunks SET done_at = now()
      WHERE run_id = $1 AND position = $2 AND done_at IS NULL`,
    [runId, position]
  )
  if (!marked.rowCount) return false
  await sql.query(
    `UPDATE entitlement_runs
        SET chunks_done = chunks_done + 1, persons = persons + $2, granted = granted + $3,
            ended = ended + $4, changed = changed + $5,
            status = CASE WHEN chunks_done + 1 >= chunks_total THEN 'finished' ELSE status END,
            finished_at = CASE WHEN chunks_done + 1 >= chunks_total THEN now() ELSE finished_at END
      WHERE id = $1`,
    [runId, result.persons, result.granted, result.ended, result.changed]
  )
  return true
}

export async function failRun(sql: Sql, runId: number, error: string) {
  await sql.query(
    `UPDATE entitlement_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
    [runId, error.slice(0, 2000)]
  )
}
