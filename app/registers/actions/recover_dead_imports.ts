import type pg from 'pg'
import logger from '@adonisjs/core/services/logger'
import { recordAudit } from '#platform/audit/record_audit'
import { withRawClient } from '#platform/database/raw_connection'
import { dropStaleStaging } from '#registers/import/apply_batch'
import RegisterImport from '#registers/models/register_import'
import {
  HEARTBEAT_EVERY_MS,
  importLockHolder,
  releaseImportLock,
  tryImportLock,
} from '#registers/import/import_liveness'
import {
  dropImportStaging,
  removeImportFiles,
  sweepOrphanUploads,
} from '#registers/import/import_leftovers'

/** A running import whose heartbeat is older than this is dead even if its lock is held. */
export const STALE_AFTER_MS = 12 * HEARTBEAT_EVERY_MS

export interface RecoverOptions {
  /** The clock (tests inject it). */
  now?: Date
  staleAfterMs?: number
}

export interface RecoveredImport {
  id: number
  /** What showed the worker dead: its lock was free, or it stopped beating. */
  signal: 'lock_released' | 'heartbeat_stale'
  rowsRead: number
}

/**
 * Finds running imports whose worker is gone (see import_liveness.ts) and fails them: nothing of
 * such an import was applied (its apply is one transaction, rolled back with the connection),
 * so it is marked `failed` (`failure_reason = worker_stopped`) with the row its worker reached,
 * and its staging tables, upload and partial error report are removed. It is not run again
 * by itself: a file that killed its worker (memory, a pathological row) would kill the next
 * one too; the operator uploads again. Also drops staging tables and uploads that no running
 * or queued import owns any more. Safe to run from several processes at once.
 */
export default class RecoverDeadImports {
  async handle(options: RecoverOptions = {}): Promise<RecoveredImport[]> {
    const now = options.now ?? new Date()
    const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? STALE_AFTER_MS))
    const running = await RegisterImport.query()
      .where('status', 'running')
      .select('id', 'rows_read', 'heartbeat_at', 'started_at', 'upload_dir')
    const recovered: RecoveredImport[] = []
    await withRawClient(async (client) => {
      for (const run of running) {
        const found = await this.#deadImport(client, run, staleBefore)
        if (found) recovered.push(found)
      }
      await dropStaleStaging(client)
    })
    await sweepOrphanUploads(unfinishedImportIds)
    return recovered
  }

  async #deadImport(
    client: pg.ClientBase,
    run: RegisterImport,
    staleBefore: Date
  ): Promise<RecoveredImport | null> {
    const id = run.id
    const locked = await tryImportLock(client, id)
    try {
      let signal: RecoveredImport['signal'] = 'lock_released'
      if (!locked) {
        const beat = run.heartbeatAt ?? run.startedAt
        if (beat.toJSDate() >= staleBefore) return null
        signal = 'heartbeat_stale'
        // A hung worker (or a half-open connection of a vanished machine) still holds the lock:
        // end its session, so nothing it might still do can commit.
        const pid = await importLockHolder(client, id)
        if (pid !== null) {
          await client.query('SELECT pg_terminate_backend($1)', [pid]).catch((error) => {
            logger.warn({ err: error, importId: id, pid }, 'could not end a dead import session')
          })
        }
      }
      const rowsRead = run.rowsRead
      // Finished meanwhile: its own process cleans up.
      if (!(await run.failStoppedWorker())) return null
      await dropImportStaging(client, id).catch((error) => {
        logger.warn({ err: error, importId: id }, 'staging of a dead import left to the next sweep')
      })
      await removeImportFiles(id, run.uploadDir)
      await recordAudit({
        action: 'registers.import.recovered',
        subjectType: 'register_import',
        subjectId: id,
        metadata: { signal, rowsRead },
      })
      logger.warn({ importId: id, signal, rowsRead }, 'a dead register import was marked failed')
      return { id, signal, rowsRead }
    } finally {
      if (locked) await releaseImportLock(client, id)
    }
  }
}

async function unfinishedImportIds() {
  const unfinished = await RegisterImport.query()
    .whereIn('status', ['queued', 'running'])
    .select('id')
  return new Set(unfinished.map((run) => run.id))
}
