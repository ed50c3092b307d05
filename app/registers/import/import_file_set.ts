import { withRawClient } from '#platform/database/raw_connection'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { createReadStream } from 'node:fs'
import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type pg from 'pg'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import i18nManager from '@adonisjs/i18n/services/main'
import { CsvWriter, csvField } from '#registers/population/csv_writer'
import type { FileKind, RowIssue } from '#registers/import/row_validator'
import { importCatalogue } from '#registers/import/import_catalogue'
import { keyedHasher, keyedHashSecret } from '#registers/import/keyed_hash'
import { openStagingSink, type StagingSink } from '#registers/import/staging'
import { stageRowBatches, type StagedBatch } from '#registers/import/stage_rows'
import {
  type CodeEncrypter,
  ENCRYPTION_PROBE,
  type EncryptionSettings,
  encryptsLikeTheApp,
  fastCodeEncrypter,
} from '#registers/import/code_encrypter'
import {
  stageInWorker,
  type LoadWorkerData,
  type WorkerBatch,
} from '#registers/import/load_protocol'
import {
  holdImportLock,
  releaseImportLock,
  startHeartbeat,
} from '#registers/import/import_liveness'
import {
  applyBatch,
  STAGING_COLUMNS,
  createStagingTables,
  dropStaleStaging,
  dropStagingTables,
  stagingNames,
  type StagingNames,
} from '#registers/import/apply_batch'

/**
 * Imports one register file set (persons.csv, facts.csv, identifiers.csv; each optional) for a
 * data source, exactly once:
 *
 * 1. Each file streams through the row validator; rejected rows go to the error report, accepted
 *    rows into UNLOGGED staging tables (COPY). Memory stays flat: only the current row and a
 *    1 MiB buffer are held.
 * 2. One transaction applies the batch set-based (see apply_batch.ts): it diffs the staging
 *    tables against the stored persons, facts and identifiers, writes only what changed,
 *    appends every change to `change_log`, and marks the import row finished. A failure
 *    anywhere rolls the whole batch back, so a crash never leaves half a batch.
 */
export type ImportMode = 'snapshot' | 'delta'
export type FileSource =
  string | (() => AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>)
export type FileSet = Partial<Record<FileKind, FileSource>>

export interface FileSummary {
  rows: number
  accepted: number
  unchanged: number
  rejected: number
  created: number
  updated: number
  ended: number
}

export interface ImportProgress {
  phase: 'loading' | 'applying' | 'done'
  file: FileKind | null
  bytesDone: number
  bytesTotal: number
  rowsRead: number
}

export interface ImportOptions {
  /** Data source code. */
  source: string
  mode: ImportMode
  /** The day the batch describes (YYYY-MM-DD, default today in Riga); snapshots end facts the day before. */
  batchDate?: string
  /** An existing `register_imports` row (queued by the portal) to run; otherwise one is created. */
  importId?: number
  origin?: 'cli' | 'portal' | 'api' | 'bench'
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

export const FILE_KINDS: readonly FileKind[] = ['persons', 'facts', 'identifiers']

interface DataSourceRow {
  id: number
  code: string
  allowed_attributes: string[] | string
  delivers_persons: boolean
  delivers_identifiers: boolean
}

function emptySummary(): FileSummary {
  return { rows: 0, accepted: 0, unchanged: 0, rejected: 0, created: 0, updated: 0, ended: 0 }
}

/** The files of a directory that exist, as a file set. */
export async function fileSetFromDirectory(dir: string): Promise<FileSet> {
  const files: FileSet = {}
  for (const kind of FILE_KINDS) {
    const path = join(dir, `${kind}.csv`)
    try {
      const info = await stat(path)
      if (info.isFile()) files[kind] = path
    } catch {
      // A file set may leave out files the source does not deliver.
    }
  }
  return files
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

async function runImport(
  client: pg.ClientBase,
  files: FileSet,
  options: ImportOptions & { batchDate: string }
): Promise<ImportResult> {
  const { rows: sources } = await client.query<DataSourceRow>(
    'SELECT id, code, allowed_attributes, delivers_persons, delivers_identifiers FROM data_sources WHERE code = $1',
    [options.source]
  )
  const source = sources[0]
  if (!source) throw new ImportError(`Unknown data source "${options.source}"`)
  const allowed = new Set<string>(
    typeof source.allowed_attributes === 'string'
      ? JSON.parse(source.allowed_attributes)
      : source.allowed_attributes
  )

  let bytesTotal = 0
  for (const kind of FILE_KINDS) {
    const file = files[kind]
    if (typeof file === 'string') {
      const info = await stat(file)
      bytesTotal += info.size
    }
  }

  const importId = await openImportRow(client, source.id, options, bytesTotal)
  const stopHeartbeat = startHeartbeat(importId)
  const reportPath =
    options.reportPath ?? app.makePath('storage/registers/imports', String(importId), 'errors.csv')
  const header = 'file,line,column,reason,description'
  // Files load concurrently: each writes its issues to a part of its own, and the report is
  // assembled in file order before the apply phase appends its rejects.
  const parts = new Map<FileKind, CsvWriter>()
  const partPath = (kind: FileKind) => `${reportPath}.${kind}.part`
  let report: CsvWriter | null = null
  const i18n = i18nManager.locale(options.locale ?? i18nManager.defaultLocale)
  const describe = (issue: RowIssue) => {
    const detail = issue.detail && `registers.import.details.${issue.detail.key}`
    if (detail && i18n.hasMessage(detail)) return i18n.t(detail, issue.detail!.values)
    const key = `registers.import.reasons.${issue.reason}`
    return i18n.hasMessage(key) ? i18n.t(key) : issue.reason
  }
  const issueLine = (kind: FileKind, issue: RowIssue) =>
    [kind, String(issue.line), issue.column ?? '', issue.reason, csvField(describe(issue))].join(
      ','
    )
  const writeIssue = async (kind: FileKind, issue: RowIssue) => {
    let writer = report
    if (!writer) {
      writer = parts.get(kind) ?? null
      if (!writer) {
        writer = new CsvWriter(partPath(kind), '')
        parts.set(kind, writer)
      }
    }
    writer.line(issueLine(kind, issue))
    await writer.maybeFlush()
  }
  const assembleReport = async () => {
    report = new CsvWriter(reportPath, header)
    for (const kind of FILE_KINDS) {
      const part = parts.get(kind)
      if (!part) continue
      parts.delete(kind)
      await part.close()
      let carry = ''
      // The part starts with the empty header line CsvWriter always writes.
      let skipFirst = true
      for await (const chunk of createReadStream(partPath(kind), { encoding: 'utf8' })) {
        let text = carry + (chunk as string)
        if (skipFirst) {
          text = text.slice(1)
          skipFirst = false
        }
        const last = text.lastIndexOf('\n')
        if (last === -1) {
          carry = text
          continue
        }
        report.line(text.slice(0, last))
        carry = text.slice(last + 1)
        await report.maybeFlush()
      }
      if (carry) report.line(carry)
      await rm(partPath(kind), { force: true })
    }
  }
  const removeParts = async () => {
    for (const [kind, part] of parts) {
      await part.close().catch(() => {})
      await rm(partPath(kind), { force: true })
    }
    parts.clear()
  }

  const summaries: Partial<Record<FileKind, FileSummary>> = {}
  const names = stagingNames(importId)
  const progress: ImportProgress = {
    phase: 'loading',
    file: null,
    bytesDone: 0,
    bytesTotal,
    rowsRead: 0,
  }
  let lastSaved = performance.now()
  const reportProgress = async (force = false) => {
    options.onProgress?.(progress)
    const now = performance.now()
    if (!force && now - lastSaved < 1000) return
    lastSaved = now
    // Another pooled connection: this one may be busy with a COPY.
    await db
      .from('register_imports')
      .where('id', importId)
      .where('status', 'running')
      .update({
        phase: progress.phase,
        bytes_done: progress.bytesDone,
        rows_read: progress.rowsRead,
        heartbeat_at: db.raw('now()'),
      })
  }

  let reportClosed = false
  try {
    await mkdir(dirname(reportPath), { recursive: true })
    const loadStarted = performance.now()
    await dropStaleStaging(client)
    await createStagingTables(client, names)
    const codes = await codeEncryption()
    const workers = await workerSetup(allowed, codes)
    const loads: Array<Promise<void>> = []
    for (const kind of FILE_KINDS) {
      const file = files[kind]
      if (!file) continue
      const summary = emptySummary()
      summaries[kind] = summary
      progress.file = kind
      const permitted =
        kind === 'facts' ||
        (kind === 'persons' && source.delivers_persons) ||
        (kind === 'identifiers' && source.delivers_identifiers)
      if (!permitted) {
        summary.rejected++
        await writeIssue(kind, { line: 1, column: null, reason: 'file_not_allowed' })
        if (typeof file === 'string') {
          const info = await stat(file)
          progress.bytesDone += info.size
        }
        continue
      }
      const context: LoadContext = {
        names,
        allowed,
        workers,
        encrypt: codes.encrypt,
        summary,
        progress,
        writeIssue,
        onRows: () => reportProgress(),
      }
      // The files load at once, each over its own connection into UNLOGGED staging tables,
      // each validated in its own worker thread.
      loads.push(withRawClient((fileClient) => loadFile(fileClient, kind, file, context)))
    }
    const settled = await Promise.allSettled(loads)
    if (process.env.REGISTERS_IMPORT_TIMING) {
      process.stderr.write(`\n[${(performance.now() - loadStarted).toFixed(0)} ms] loading\n`)
    }
    const failedLoad = settled.find((result) => result.status === 'rejected')
    if (failedLoad) throw (failedLoad as PromiseRejectedResult).reason
    await assembleReport()
    progress.phase = 'applying'
    progress.file = null
    await reportProgress(true)
    await client.query(
      `ANALYZE ${names.persons}, ${names.facts}, ${names.identifiers}, ${names.held}`
    )

    const outcome = await applyBatch(client, {
      names,
      importId,
      dataSourceId: source.id,
      mode: options.mode,
      batchDate: options.batchDate,
      summaries,
      onStep: options.onStep,
      writeRejects: async (rows) => {
        for (const row of rows) await writeIssue(row.file, row)
      },
      finish: async (trx) => {
        await report!.close()
        reportClosed = true
        const totals = totalsOf(summaries)
        // An import the recovery job has declared dead (see recover_dead_imports.ts) must not
        // commit, even if its process comes back to life.
        const { rowCount } = await trx.query(
          `UPDATE register_imports SET status = 'succeeded', phase = 'done', finished_at = now(),
             accepted = $2, unchanged = $3, rejected = $4, summary = $5, error_report_path = $6,
             bytes_done = bytes_total, rows_read = $7
           WHERE id = $1 AND status = 'running'`,
          [
            importId,
            totals.accepted,
            totals.unchanged,
            totals.rejected,
            JSON.stringify(summaries),
            totals.rejected > 0 ? reportPath : null,
            progress.rowsRead,
          ]
        )
        if (rowCount !== 1) throw new ImportError(`Import ${importId} is no longer running`)
      },
    })
    progress.phase = 'done'
    options.onProgress?.(progress)
    const totals = totalsOf(summaries)
    return {
      importId,
      status: 'succeeded',
      ...totals,
      files: summaries,
      errorReportPath: totals.rejected > 0 ? reportPath : null,
      changeLogEntries: outcome.changeLogEntries,
    }
  } catch (error) {
    if (!reportClosed) await (report as CsvWriter | null)?.close().catch(() => {})
    await removeParts().catch(() => {})
    const message = error instanceof Error ? error.message : String(error)
    const totals = totalsOf(summaries)
    await db
      .from('register_imports')
      .where('id', importId)
      .where('status', 'running')
      .update({
        status: 'failed',
        phase: 'done',
        finished_at: new Date(),
        accepted: 0,
        unchanged: 0,
        rejected: totals.rejected,
        error_message: message.slice(0, 2000),
        error_report_path: totals.rejected > 0 ? reportPath : null,
      })
    throw error
  } finally {
    stopHeartbeat()
    await dropStagingTables(client, names).catch(() => {})
    await releaseImportLock(client, importId).catch(() => {})
  }
}

function totalsOf(summaries: Partial<Record<FileKind, FileSummary>>) {
  let accepted = 0
  let unchanged = 0
  let rejected = 0
  for (const summary of Object.values(summaries)) {
    accepted += summary.accepted
    unchanged += summary.unchanged
    rejected += summary.rejected
  }
  return { accepted, unchanged, rejected }
}

async function openImportRow(
  client: pg.ClientBase,
  dataSourceId: number,
  options: ImportOptions & { batchDate: string },
  bytesTotal: number
): Promise<number> {
  // The row turns `running` in the transaction that takes the liveness lock: nobody sees a
  // running import whose lock is not held (the recovery job would take it for dead).
  await client.query('BEGIN')
  try {
    let importId: number
    if (options.importId) {
      const { rowCount } = await client.query(
        `UPDATE register_imports SET status = 'running', phase = 'loading', started_at = now(),
           heartbeat_at = now(), batch_date = $3, bytes_total = $4
         WHERE id = $1 AND data_source_id = $2 AND status = 'queued'`,
        [options.importId, dataSourceId, options.batchDate, bytesTotal]
      )
      if (rowCount !== 1) throw new ImportError(`Import ${options.importId} is not waiting to run`)
      importId = options.importId
    } else {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO register_imports
           (data_source_id, mode, status, origin, started_at, heartbeat_at, batch_date, phase,
            bytes_total, created_by_user_id)
         VALUES ($1, $2, 'running', $3, now(), now(), $4, 'loading', $5, $6) RETURNING id`,
        [
          dataSourceId,
          options.mode,
          options.origin ?? 'cli',
          options.batchDate,
          bytesTotal,
          options.userId ?? null,
        ]
      )
      importId = Number(rows[0].id)
    }
    await holdImportLock(client, importId)
    await client.query('COMMIT')
    return importId
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

interface LoadContext {
  names: StagingNames
  allowed: Set<string>
  /** Worker threads' settings, or null to validate in this thread. */
  workers: WorkerSetup | null
  /** Encrypts codes when validating in this thread. */
  encrypt: CodeEncrypter
  summary: FileSummary
  progress: ImportProgress
  writeIssue: (kind: FileKind, issue: RowIssue) => Promise<void>
  onRows: () => Promise<void>
}

async function* countingBytes(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  progress: ImportProgress
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    progress.bytesDone += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength
    yield chunk
  }
}

/** The app's default encrypter and its secret (config/encryption.ts), when it has one. */
async function encryptionSettings(): Promise<EncryptionSettings | null> {
  const provider = app.config.get<any>('encryption', {})
  const config = typeof provider?.resolver === 'function' ? await provider.resolver(app) : provider
  const id = config?.default
  const key = config?.list?.[id]?.keys?.[0]
  const secret = typeof key === 'string' ? key : key?.release?.()
  if (typeof id !== 'string' || typeof secret !== 'string') return null
  return { id, key: secret }
}

/**
 * How this import encrypts codes: the fast encrypter when the app decrypts what it writes
 * (the app's aes256gcm driver), otherwise the app's own `encrypt`.
 */
async function codeEncryption(): Promise<{
  settings: EncryptionSettings | null
  fast: boolean
  encrypt: CodeEncrypter
}> {
  const settings = await encryptionSettings()
  const fastEncrypt = settings ? fastCodeEncrypter(settings) : null
  const decrypt = (value: string) => encryption.decrypt(value)
  if (fastEncrypt && encryptsLikeTheApp(fastEncrypt, decrypt)) {
    return { settings, fast: true, encrypt: fastEncrypt }
  }
  return { settings, fast: false, encrypt: (code) => encryption.encrypt(code) }
}

interface WorkerSetup {
  data: Omit<LoadWorkerData, 'kind' | 'copy'>
  /** Workers open connections of their own. */
  databaseUrl: string
}

/** What worker threads need to validate, hash and encrypt exactly as this thread would. */
async function workerSetup(
  allowed: Set<string>,
  codes: Awaited<ReturnType<typeof codeEncryption>>
): Promise<WorkerSetup | null> {
  if (process.env.REGISTERS_IMPORT_WORKERS === '0' || !codes.settings) return null
  const { databaseConnectionUrl } = await import('#config/database')
  const databaseUrl = await databaseConnectionUrl()
  return {
    data: {
      allowed: [...allowed],
      attributes: importCatalogueCached().attributes(),
      hashSecret: keyedHashSecret(),
      encryption: { ...codes.settings, fast: codes.fast },
    },
    databaseUrl,
  }
}

async function loadFile(
  client: pg.ClientBase,
  kind: FileKind,
  file: FileSource,
  context: LoadContext
) {
  const { names, summary, progress } = context
  const stream =
    typeof file === 'string' ? createReadStream(file, { highWaterMark: 1 << 20 }) : file()
  // Workers COPY their rows themselves; this thread writes only what it validates itself.
  const workers = context.workers
  const sink: StagingSink | null = workers
    ? null
    : openStagingSink(client, names[kind], STAGING_COLUMNS[kind])
  // Rejected fact/identifier rows with a valid code hold back the snapshot's ending of that
  // person's stored rows: a typo must not make a person lose their facts.
  const held: string[] = []
  const batches: AsyncIterable<StagedBatch | WorkerBatch> = workers
    ? stageInWorker(
        countingBytes(stream, progress),
        {
          ...workers.data,
          kind,
          copy: {
            databaseUrl: workers.databaseUrl,
            table: names[kind],
            columns: STAGING_COLUMNS[kind],
          },
        },
        (probe) => encryption.decrypt(probe) === ENCRYPTION_PROBE
      )
    : stageRowBatches(countingBytes(stream, progress), {
        kind,
        allowed: context.allowed,
        catalogue: importCatalogueCached(),
        hasher: keyedHasher(),
        encrypt: context.encrypt,
      })
  try {
    for await (const batch of batches) {
      summary.rows += batch.read - batch.headers
      summary.rejected += batch.issues.length
      const before = progress.rowsRead
      progress.rowsRead += batch.read
      for (const issue of batch.issues) await context.writeIssue(kind, issue)
      for (const hash of batch.held) held.push(hash)
      if (sink && typeof batch.rows !== 'number') {
        for (const row of batch.rows) await sink.add(row)
      }
      if (Math.floor(progress.rowsRead / 10_000) > Math.floor(before / 10_000)) {
        await context.onRows()
      }
    }
  } finally {
    await sink?.close()
  }
  if (held.length > 0) {
    const heldSink = openStagingSink(client, names.held, ['file', 'code_hash'])
    for (const hash of held) await heldSink.add([kind, hash])
    await heldSink.close()
  }
}

let cachedCatalogue: ReturnType<typeof importCatalogue> | undefined
function importCatalogueCached() {
  cachedCatalogue ??= importCatalogue()
  return cachedCatalogue
}
