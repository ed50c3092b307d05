import { rm } from 'node:fs/promises'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import type { Job, JobPayload } from '#platform/jobs/job'
import { importFileSet, type ImportMode } from '#registers/import/import_file_set'
import { announceFactsChanged } from '#registers/events/announce_facts_changed'

export interface ImportFileSetPayload extends JobPayload {
  importId: number
}

/**
 * Runs a queued file-set import (see StartImport). The import records its own failure on the
 * `register_imports` row and rolls its batch back, so the job never retries: a second run of
 * the same upload would be refused anyway. The uploaded files (personal codes, names, card
 * numbers in clear text) are deleted when it ends, whatever the outcome.
 */
export default class ImportFileSetJob implements Job<ImportFileSetPayload> {
  static jobName = 'registers:import_file_set'
  static queue = 'default'

  async handle({ importId }: ImportFileSetPayload) {
    const row = await db
      .from('register_imports as i')
      .join('data_sources as s', 's.id', 'i.data_source_id')
      .where('i.id', importId)
      .select('i.mode', 'i.status', 'i.upload_dir', 'i.created_by_user_id', 's.code')
      .first()
    if (!row || row.status !== 'queued' || !row.upload_dir) return
    let changeLogEntries = 0
    try {
      ;({ changeLogEntries } = await importFileSet(row.upload_dir, {
        source: row.code,
        mode: row.mode as ImportMode,
        importId,
        origin: 'portal',
        userId: row.created_by_user_id,
      }))
    } catch (error) {
      logger.error({ err: error, importId }, 'register import failed')
      // Refused before it started (e.g. no file in the set): still show it as failed.
      await db
        .from('register_imports')
        .where('id', importId)
        .where('status', 'queued')
        .update({
          status: 'failed',
          phase: 'done',
          finished_at: new Date(),
          error_message: error instanceof Error ? error.message.slice(0, 2000) : String(error),
        })
    } finally {
      // Not while another run of the same import (a second dispatch) still reads the files.
      const after = await db.from('register_imports').where('id', importId).select('status').first()
      if (!['queued', 'running'].includes(after?.status)) {
        await rm(row.upload_dir, { recursive: true, force: true })
      }
    }
    await announceFactsChanged('import', changeLogEntries)
  }
}
