import { rm } from 'node:fs/promises'
import logger from '@adonisjs/core/services/logger'
import type { Job, JobPayload } from '#platform/jobs/job'
import RegisterImport from '#registers/models/register_import'
import { getDataSource } from '#registers/queries/data_sources'
import { importFileSet } from '#registers/import/import_file_set'
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
    const queued = await RegisterImport.find(importId)
    if (!queued || queued.status !== 'queued' || !queued.uploadDir) return
    const uploadDir = queued.uploadDir
    let changeLogEntries = 0
    try {
      ;({ changeLogEntries } = await importFileSet(uploadDir, {
        source: await getDataSource(queued.dataSourceId),
        mode: queued.mode,
        importId,
        origin: 'portal',
        userId: queued.createdByUserId,
      }))
    } catch (error) {
      logger.error({ err: error, importId }, 'register import failed')
      // Refused before it started (e.g. no file in the set): still show it as failed.
      await queued.refuse(error instanceof Error ? error.message : String(error))
    } finally {
      // Not while another run of the same import (a second dispatch) still reads the files.
      const after = await RegisterImport.find(importId)
      if (!after?.isUnfinished) await rm(uploadDir, { recursive: true, force: true })
    }
    await announceFactsChanged('import', changeLogEntries)
  }
}
