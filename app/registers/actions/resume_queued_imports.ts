import { stat } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import queue from '#platform/services/queue'
import ImportFileSetJob from '#registers/jobs/import_file_set_job'

/**
 * In-process queue only, at boot: a queued upload waited in the memory of a process that is
 * gone. Nothing of it has started, so it is safe to run again; the job claims the row
 * atomically (`queued` → `running`), so a second dispatch runs it once. An upload whose files
 * are gone is failed (`failure_reason = queue_lost`).
 */
export default class ResumeQueuedImports {
  async handle(): Promise<{ resumed: number[]; failed: number[] }> {
    const rows = await db
      .from('register_imports')
      .where('status', 'queued')
      .select('id', 'upload_dir')
    const resumed: number[] = []
    const failed: number[] = []
    for (const row of rows) {
      const id = Number(row.id)
      const present = row.upload_dir && (await stat(row.upload_dir).catch(() => null))
      if (present) {
        await queue.dispatch(ImportFileSetJob, { tenantId: null, importId: id })
        resumed.push(id)
        continue
      }
      const updated = await db
        .from('register_imports')
        .where('id', id)
        .where('status', 'queued')
        .update({
          status: 'failed',
          phase: 'done',
          finished_at: new Date(),
          failure_reason: 'queue_lost',
          error_message:
            'The queue holding this import stopped before it started; nothing was applied; upload again.',
          upload_dir: null,
        })
      if (Number(updated) > 0) failed.push(id)
    }
    return { resumed, failed }
  }
}
