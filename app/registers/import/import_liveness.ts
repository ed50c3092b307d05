import type pg from 'pg'
import type RegisterImport from '#registers/models/register_import'

/**
 * How a running import shows that its worker is alive, and how the recovery job tells that it
 * is not (see recover_dead_imports.ts):
 *
 * - a session advisory lock `(IMPORT_LOCK_CLASS, import id)` held by the import's own
 *   connection from the moment the row says `running`. PostgreSQL releases it when that
 *   connection ends, so a killed process (`kill -9`, OOM, a crashed node) frees it at once,
 *   whatever the clocks say;
 * - a heartbeat (`heartbeat_at`) written every few seconds from another pooled connection. It
 *   catches what the lock cannot: a process that hangs while its connection stays open, or a
 *   machine that vanished leaving a half-open connection PostgreSQL keeps for up to the TCP
 *   keepalive time (hours by default).
 *
 * The two-key lock form never collides with the one-key (bigint) locks used elsewhere
 * (`pg_locks.objsubid` is 2 for it, 1 for those). Import ids stay far below 2³¹.
 */
export const IMPORT_LOCK_CLASS = 7_340_102

/** The heartbeat interval of a running import. */
export const HEARTBEAT_EVERY_MS = 10_000

/** Takes the import's liveness lock on `client` (a session lock: it outlives transactions). */
export async function holdImportLock(client: pg.ClientBase, importId: number) {
  await client.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_LOCK_CLASS, importId])
}

export async function releaseImportLock(client: pg.ClientBase, importId: number) {
  await client.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_LOCK_CLASS, importId])
}

/** Takes the lock if nobody holds it: true means the import's worker is gone. */
export async function tryImportLock(client: pg.ClientBase, importId: number): Promise<boolean> {
  const { rows } = await client.query<{ ok: boolean }>(
    'SELECT pg_try_advisory_lock($1, $2) AS ok',
    [IMPORT_LOCK_CLASS, importId]
  )
  return rows[0]?.ok === true
}

/** The backend that holds an import's lock, if any. */
export async function importLockHolder(
  client: pg.ClientBase,
  importId: number
): Promise<number | null> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_locks
      WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND classid = $1 AND objid = $2 AND objsubid = 2`,
    [IMPORT_LOCK_CLASS, importId]
  )
  return rows[0]?.pid ?? null
}

/** Beats for a running import until stopped; a failed beat is retried on the next tick. */
export function startHeartbeat(run: RegisterImport, everyMs = HEARTBEAT_EVERY_MS) {
  const beat = () => run.beat().catch(() => {})
  const timer = setInterval(beat, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
