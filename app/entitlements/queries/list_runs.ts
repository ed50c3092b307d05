import db from '@adonisjs/lucid/services/db'

export interface RunSummary {
  id: number
  kind: string
  status: string
  chunksDone: number
  chunksTotal: number
  persons: number
  granted: number
  ended: number
  changed: number
  error: string | null
  startedAt: string
  finishedAt: string | null
}

/** The latest entitlement runs, newest first (platform-wide: operator only). */
export async function listRuns(limit = 30): Promise<RunSummary[]> {
  const rows = await db.from('entitlement_runs').orderBy('id', 'desc').limit(limit)
  const iso = (value: Date | string | null) =>
    value === null ? null : value instanceof Date ? value.toISOString() : String(value)
  return rows.map((row) => ({
    id: Number(row.id),
    kind: row.kind,
    status: row.status,
    chunksDone: row.chunks_done,
    chunksTotal: row.chunks_total,
    persons: Number(row.persons),
    granted: Number(row.granted),
    ended: Number(row.ended),
    changed: Number(row.changed),
    error: row.error,
    startedAt: iso(row.started_at)!,
    finishedAt: iso(row.finished_at),
  }))
}
