import { stat } from 'node:fs/promises'
import type pg from 'pg'
import env from '#start/env'
import { withRawClient } from '#platform/database/raw_connection'
import type { FileKind } from '#registers/import/row_validator'
import {
  FILE_KINDS,
  type FileSet,
  type FileSummary,
  emptySummary,
} from '#registers/import/file_set'
import type { ImportSource } from '#registers/import/import_file_set'
import type { ImportErrorReport } from '#registers/import/import_error_report'
import type { ImportProgressReporter } from '#registers/import/import_progress_reporter'
import {
  importCodeEncryption,
  type ImportCodeEncryption,
} from '#registers/import/import_code_encryption'
import { sharedImportCatalogue } from '#registers/import/import_catalogue'
import { keyedHashSecret, offlineListHashSecret } from '#registers/import/keyed_hash'
import { loadFile, type LoadWorkerSetup } from '#registers/import/load_file'
import {
  createStagingTables,
  dropStaleStaging,
  type StagingNames,
} from '#registers/import/apply_batch'

export interface LoadFileSetInput {
  files: FileSet
  source: ImportSource
  names: StagingNames
  /** Filled per file as it loads. */
  summaries: Partial<Record<FileKind, FileSummary>>
  progress: ImportProgressReporter
  report: ImportErrorReport
}

/**
 * The loading phase of an import: creates the staging tables and loads the files into them at
 * once, each over its own connection, each validated in its own worker thread. A file the
 * source may not deliver is rejected whole (`file_not_allowed`) and not read.
 */
export async function loadFileSet(client: pg.ClientBase, input: LoadFileSetInput) {
  const { files, source, names, summaries, progress, report } = input
  const started = performance.now()
  await dropStaleStaging(client)
  await createStagingTables(client, names)
  const allowed = new Set(source.allowedAttributes)
  const codes = await importCodeEncryption()
  const workers = await loadWorkerSetup(allowed, codes)
  const loads: Array<Promise<void>> = []
  for (const kind of FILE_KINDS) {
    const file = files[kind]
    if (!file) continue
    const summary = emptySummary()
    summaries[kind] = summary
    progress.loading(kind)
    if (!mayDeliver(source, kind)) {
      summary.rejected++
      await report.write(kind, { line: 1, column: null, reason: 'file_not_allowed' })
      if (typeof file === 'string') {
        const info = await stat(file)
        progress.addBytes(info.size)
      }
      continue
    }
    const context = { names, allowed, workers, encrypt: codes.encrypt, summary, progress, report }
    loads.push(withRawClient((fileClient) => loadFile(fileClient, kind, file, context)))
  }
  const settled = await Promise.allSettled(loads)
  if (env.get('REGISTERS_IMPORT_TIMING')) {
    process.stderr.write(`\n[${(performance.now() - started).toFixed(0)} ms] loading\n`)
  }
  const failed = settled.find((result) => result.status === 'rejected')
  if (failed) throw (failed as PromiseRejectedResult).reason
}

/** Fresh statistics of the loaded staging tables, before the apply phase joins them. */
export async function analyzeStaging(client: pg.ClientBase, names: StagingNames) {
  await client.query(
    `ANALYZE ${names.persons}, ${names.facts}, ${names.identifiers}, ${names.held}`
  )
}

function mayDeliver(source: ImportSource, kind: FileKind) {
  if (kind === 'persons') return source.deliversPersons
  if (kind === 'identifiers') return source.deliversIdentifiers
  return true
}

/** What worker threads need to validate, hash and encrypt exactly as this thread would. */
async function loadWorkerSetup(
  allowed: Set<string>,
  codes: ImportCodeEncryption
): Promise<LoadWorkerSetup | null> {
  if (env.get('REGISTERS_IMPORT_WORKERS') === false || !codes.settings) return null
  const { databaseConnectionUrl } = await import('#config/database')
  const databaseUrl = await databaseConnectionUrl()
  return {
    data: {
      allowed: [...allowed],
      attributes: sharedImportCatalogue().attributes(),
      hashSecret: keyedHashSecret(),
      listHashSecret: offlineListHashSecret(),
      encryption: { ...codes.settings, fast: codes.fast },
    },
    databaseUrl,
  }
}
