import db from '@adonisjs/lucid/services/db'
import type { FileSummary } from '#registers/import/file_set'

export interface RegisterImportRecord {
  id: number
  dataSourceId: number
  dataSourceCode: string
  dataSourceName: string
  mode: string
  status: string
  origin: string
  phase: string | null
  accepted: number
  unchanged: number
  rejected: number
  bytesTotal: number
  bytesDone: number
  rowsRead: number
  summary: Record<string, FileSummary>
  errorReportPath: string | null
  errorMessage: string | null
  /** Why the platform failed it (e.g. `worker_stopped`), translated on the page. */
  failureReason: string | null
  batchDate: string | null
  startedAt: Date
  finishedAt: Date | null
}

function toRecord(row: Record<string, any>): RegisterImportRecord {
  const summary = row.summary
  const batchDate = row.batch_date
  return {
    id: Number(row.id),
    dataSourceId: row.data_source_id,
    dataSourceCode: row.source_code,
    dataSourceName: row.source_name,
    mode: row.mode,
    status: row.status,
    origin: row.origin,
    phase: row.phase,
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    bytesTotal: Number(row.bytes_total),
    bytesDone: Number(row.bytes_done),
    rowsRead: Number(row.rows_read),
    summary: typeof summary === 'string' ? JSON.parse(summary) : (summary ?? {}),
    errorReportPath: row.error_report_path,
    errorMessage: row.error_message,
    failureReason: row.failure_reason ?? null,
    batchDate:
      batchDate instanceof Date
        ? `${batchDate.getFullYear()}-${String(batchDate.getMonth() + 1).padStart(2, '0')}-${String(batchDate.getDate()).padStart(2, '0')}`
        : (batchDate ?? null),
    startedAt: new Date(row.started_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
  }
}

function baseQuery() {
  return db
    .from('register_imports as i')
    .join('data_sources as s', 's.id', 'i.data_source_id')
    .select('i.*', 's.code as source_code', 's.name as source_name')
}

/** Import history, newest first; optionally of one source. */
export async function listRegisterImports(
  filters: { dataSourceId?: number; limit?: number } = {}
): Promise<RegisterImportRecord[]> {
  const query = baseQuery()
    .orderBy('i.started_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(filters.limit ?? 50)
  if (filters.dataSourceId) query.where('i.data_source_id', filters.dataSourceId)
  const rows = await query
  return rows.map(toRecord)
}

/** Throws E_ROW_NOT_FOUND (404) for an unknown id. */
export async function getRegisterImport(id: number): Promise<RegisterImportRecord> {
  const row = await baseQuery().where('i.id', id).firstOrFail()
  return toRecord(row)
}
