import { chmod, mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import queue from '#platform/services/queue'
import { recordAudit } from '#platform/audit/record_audit'
import ImportFileSetJob from '#registers/jobs/import_file_set_job'
import RegisterImport from '#registers/models/register_import'
import type { DataSourceRecord } from '#registers/queries/data_sources'
import type { ImportMode } from '#registers/import/import_file_set'
import { todayInRiga } from '#platform/calendar/today_in_riga'

export interface StartImportInput {
  source: DataSourceRecord
  mode: ImportMode
  files: Partial<Record<'persons' | 'facts' | 'identifiers', MultipartFile>>
  userId: number | null
  ctx?: HttpContext
}

/**
 * Queues an uploaded file set: records the import as `queued`, keeps the files under
 * storage/registers/imports/<id>/upload and dispatches the job that runs it.
 */
export default class StartImport {
  async handle({ source, mode, files, userId, ctx }: StartImportInput): Promise<number> {
    const queued = await RegisterImport.queueUpload({
      dataSourceId: source.id,
      mode,
      batchDate: todayInRiga(),
      userId,
    })
    const importId = queued.id
    const importDir = app.makePath('storage/registers/imports', String(importId))
    const uploadDir = join(importDir, 'upload')
    // Nothing of an earlier database's import with the same id may join this file set.
    await rm(importDir, { recursive: true, force: true })
    // Only this process's user may read the files until the import job deletes them.
    await mkdir(uploadDir, { recursive: true, mode: 0o700 })
    await chmod(importDir, 0o700)
    for (const [kind, file] of Object.entries(files)) {
      if (!file) continue
      await file.move(uploadDir, { name: `${kind}.csv`, overwrite: true })
      await chmod(join(uploadDir, `${kind}.csv`), 0o600)
    }
    await queued.attachUpload(uploadDir)
    await recordAudit({
      action: 'registers.import.started',
      subjectType: 'register_import',
      subjectId: importId,
      metadata: { source: source.code, mode, files: Object.keys(files) },
      ctx,
    })
    await queue.dispatch(ImportFileSetJob, { tenantId: null, importId })
    return importId
  }
}
