import { stat } from 'node:fs/promises'
import queue from '#platform/services/queue'
import ImportFileSetJob from '#registers/jobs/import_file_set_job'
import RegisterImport from '#registers/models/register_import'

/**
 * In-process queue only, at boot: a queued upload waited in the memory of a process that is
 * gone. Nothing of it has started, so it is safe to run again; the job claims the row
 * atomically (`queued` → `running`), so a second dispatch runs it once. An upload whose files
 * are gone is failed (`failure_reason = queue_lost`).
 */
export default class ResumeQueuedImports {
  async handle(): Promise<{ resumed: number[]; failed: number[] }> {
    const queued = await RegisterImport.query().where('status', 'queued')
    const resumed: number[] = []
    const failed: number[] = []
    for (const upload of queued) {
      const present = upload.uploadDir && (await stat(upload.uploadDir).catch(() => null))
      if (present) {
        await queue.dispatch(ImportFileSetJob, { tenantId: null, importId: upload.id })
        resumed.push(upload.id)
        continue
      }
      if (await upload.failLostQueue()) failed.push(upload.id)
    }
    return { resumed, failed }
  }
}
