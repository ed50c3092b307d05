import type pg from 'pg'
import app from '@adonisjs/core/services/app'
import { withRawClient } from '#platform/database/raw_connection'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import type { FileKind } from '#registers/import/row_validator'
import { findDataSourceByCode, type DataSourceRecord } from '#registers/queries/data_sources'
import type RegisterImport from '#registers/models/register_import'
import type { RegisterImportOrigin } from '#registers/models/register_import'
import {
  markRegisterImportSucceeded,
  startRegisterImport,
} from '#registers/models/register_import_raw_writes'
import {
  FILE_KINDS,
  type FileSet,
  type FileSummary,
  fileSetBytes,
  fileSetFromDirectory,
  totalsOf,
} from '#registers/import/file_set'
import { releaseImportLock, startHeartbeat } from '#registers/import/import_liveness'
import { ImportErrorReport } from '#registers/import/import_error_report'
import { ImportProgressReporter } from '#registers/import/import_progress_reporter'
import { analyzeStaging, loadFileSet } from '#registers/import/load_file_set'
import { applyBatch, dropStagingTables, stagingNames } from '#registers/import/apply_batch'

/**
 * Imports one register file set (persons.csv, facts.csv, identifiers.csv; each optional) for a
 * data source, exactly once:
 *
 * 1. Each file streams through the row validator; rejected rows go to the error report, accepted
 *    rows into UNLOGGED staging tables (COPY). Memory stays flat: only the current row and a
 *    1 MiB buffer are held (load_file_set.ts).
 * 2. One transaction applies the batch set-based (see apply_batch.ts): it diffs the staging
 *    tables against the stored persons, facts and identifiers, writes only what changed,
 *    appends every change to `change_log`, and marks the import row finished. A failure
 *    anywhere rolls the whole batch back, so a crash never leaves half a batch.
 *
 * The `register_imports` row follows the run (models/register_import.ts); its liveness lock and
 * heartbeat let the recovery job tell a dead run (import_liveness.ts).
 */
export type ImportMode = 'snapshot' | 'delta'

export interface ImportProgress {
  phase: 'loading' | 'applying' | 'done'
  file: FileKind | null
  bytesDone: number
  bytesTotal: number
  rowsRead: number
}

/** What an import needs of the data source delivering the files, resolved once by its caller. */
export type ImportSource = Pick<
  DataSourceRecord,
  'id' | 'code' | 'allowedAttributes' | 'deliversPersons' | 'deliversIdentifiers'
>

export interface ImportOptions {
  source: ImportSource
  mode: ImportMode
  /** The day the batch describes (YYYY-MM-DD, default today in Riga); snapshots end facts the day before. */
  batchDate?: string
  /** An existing `register_imports` row (queued by the portal) to run; otherwise one is created. */
  importId?: number
  origin?: RegisterImportOrigin
  userId?: number | null
  /** Where the error report goes (default storage/registers/imports/<id>/errors.csv). */
  reportPath?: string
  /** Locale of the error report's descriptions. */
  locale?: string
  onProgress?: (progress: ImportProgress) => void
  /** Called after each step of the apply transaction; tests throw here to simulate a crash. */
  onStep?: (step: string) => void | Promise<void>
}

export interface ImportResult {
  importId: number
  status: 'succeeded' | 'failed'
  accepted: number
  unchanged: number
  rejected: number
  files: Partial<Record<FileKind, FileSummary>>
  errorReportPath: string | null
  changeLogEntries: number
  error?: string
}

export class ImportError extends Error {}

/** The data source with this code, for callers that name it (the command); else ImportError. */
export async function importSourceByCode(code: string): Promise<ImportSource> {
  const source = await findDataSourceByCode(code)
  if (!source) throw new ImportError(`Unknown data source "${code}"`)
  return source
}

export async function importFileSet(
  input: string | FileSet,
  options: ImportOptions
): Promise<ImportResult> {
  const files = typeof input === 'string' ? await fileSetFromDirectory(input) : input
  if (!FILE_KINDS.some((kind) => files[kind])) {
    throw new ImportError('The file set holds none of persons.csv, facts.csv, identifiers.csv')
  }
  const batchDate = options.batchDate ?? todayInRiga()
  return withRawClient((client) => runImport(client, files, { ...options, batchDate }))
}

/** The run on the import's own connection: start, load, apply, and succeeded or failed. */
async function runImport(
  client: pg.ClientBase,
  files: FileSet,
  options: ImportOptions & { batchDate: string }
): Promise<ImportResult> {
  const { source } = options
  const bytesTotal = await fileSetBytes(files)
  const run = await startRegisterImport(client, {
    importId: options.importId,
    dataSourceId: source.id,
    mode: options.mode,
    origin: options.origin ?? 'cli',
    batchDate: options.batchDate,
    bytesTotal,
    userId: options.userId ?? null,
  })
  if (!run) throw new ImportError(`Import ${options.importId} is not waiting to run`)
  const stopHeartbeat = startHeartbeat(run)
  const report = new ImportErrorReport(options.reportPath ?? defaultReportPath(run), options.locale)
  const progress = new ImportProgressReporter(run, bytesTotal, options.onProgress)
  const summaries: Partial<Record<FileKind, FileSummary>> = {}
  const names = stagingNames(run.id)
  const reportPathIfRejected = () => (totalsOf(summaries).rejected > 0 ? report.path : null)

  try {
    await report.prepare()
    await loadFileSet(client, { files, source, names, summaries, progress, report })
    await report.assemble()
    await progress.applying()
    await analyzeStaging(client, names)

    const outcome = await applyBatch(client, {
      names,
      importId: run.id,
      dataSourceId: source.id,
      mode: options.mode,
      batchDate: options.batchDate,
      summaries,
      onStep: options.onStep,
      writeRejects: async (rows) => {
        for (const row of rows) await report.write(row.file, row)
      },
      finish: async (trx) => {
        await report.close()
        const succeeded = await markRegisterImportSucceeded(trx, run.id, {
          ...totalsOf(summaries),
          summaries,
          errorReportPath: reportPathIfRejected(),
          rowsRead: progress.rowsRead,
        })
        // An import the recovery job has declared dead (see recover_dead_imports.ts) must not
        // commit, even if its process comes back to life.
        if (!succeeded) throw new ImportError(`Import ${run.id} is no longer running`)
      },
    })
    progress.done()
    return {
      importId: run.id,
      status: 'succeeded',
      ...totalsOf(summaries),
      files: summaries,
      errorReportPath: reportPathIfRejected(),
      changeLogEntries: outcome.changeLogEntries,
    }
  } catch (error) {
    await report.abandon().catch(() => {})
    await run.fail({
      message: error instanceof Error ? error.message : String(error),
      rejected: totalsOf(summaries).rejected,
      errorReportPath: reportPathIfRejected(),
    })
    throw error
  } finally {
    stopHeartbeat()
    await dropStagingTables(client, names).catch(() => {})
    await releaseImportLock(client, run.id).catch(() => {})
  }
}

function defaultReportPath(run: RegisterImport) {
  return app.makePath('storage/registers/imports', String(run.id), 'errors.csv')
}
