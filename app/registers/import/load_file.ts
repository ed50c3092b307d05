import { createReadStream } from 'node:fs'
import type pg from 'pg'
import encryption from '@adonisjs/core/services/encryption'
import type { FileKind } from '#registers/import/row_validator'
import type { FileSource, FileSummary } from '#registers/import/file_set'
import type { ImportErrorReport } from '#registers/import/import_error_report'
import type { ImportProgressReporter } from '#registers/import/import_progress_reporter'
import { sharedImportCatalogue } from '#registers/import/import_catalogue'
import { keyedHasher } from '#registers/import/keyed_hash'
import { openStagingSink, type StagingSink } from '#registers/import/staging'
import { stageRowBatches, type StagedBatch } from '#registers/import/stage_rows'
import { type CodeEncrypter, ENCRYPTION_PROBE } from '#registers/import/code_encrypter'
import {
  stageInWorker,
  type LoadWorkerData,
  type WorkerBatch,
} from '#registers/import/load_protocol'
import { STAGING_COLUMNS, type StagingNames } from '#registers/import/apply_batch'

/** What worker threads need to validate, hash and encrypt exactly as this thread would. */
export interface LoadWorkerSetup {
  data: Omit<LoadWorkerData, 'kind' | 'copy'>
  /** Workers open connections of their own. */
  databaseUrl: string
}

export interface LoadFileContext {
  names: StagingNames
  allowed: Set<string>
  /** Worker threads' settings, or null to validate in this thread. */
  workers: LoadWorkerSetup | null
  /** Encrypts codes when validating in this thread. */
  encrypt: CodeEncrypter
  summary: FileSummary
  progress: ImportProgressReporter
  report: ImportErrorReport
}

/**
 * Loads one file into its staging table: validates each row (in a worker thread, or in this one),
 * COPYs the accepted rows, writes the rejected ones to the error report and counts both.
 */
export async function loadFile(
  client: pg.ClientBase,
  kind: FileKind,
  file: FileSource,
  context: LoadFileContext
) {
  const { names, summary, progress, report } = context
  const stream =
    typeof file === 'string' ? createReadStream(file, { highWaterMark: 1 << 20 }) : file()
  const counted = countingBytes(stream, progress)
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
        counted,
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
    : stageRowBatches(counted, {
        kind,
        allowed: context.allowed,
        catalogue: sharedImportCatalogue(),
        hasher: keyedHasher(),
        encrypt: context.encrypt,
      })
  try {
    for await (const batch of batches) {
      summary.rows += batch.read - batch.headers
      summary.rejected += batch.issues.length
      for (const issue of batch.issues) await report.write(kind, issue)
      for (const hash of batch.held) held.push(hash)
      if (sink && typeof batch.rows !== 'number') {
        for (const row of batch.rows) await sink.add(row)
      }
      await progress.addRows(batch.read)
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

async function* countingBytes(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  progress: ImportProgressReporter
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    progress.addBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength)
    yield chunk
  }
}
