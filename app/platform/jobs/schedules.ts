import type { ScheduleEntry } from '#platform/jobs/job'
import { findJobByName } from '#platform/jobs/find_job_by_name'
import type { QueueService } from '#platform/jobs/queue_service'

/** Starts the periodic jobs; those marked `atBoot` are also dispatched once now. */
export async function startSchedules(queue: QueueService, config: { schedules: ScheduleEntry[] }) {
  for (const entry of config.schedules) {
    const job = await findJobByName(entry.job)
    await queue.schedule(job, { tenantId: null }, { id: entry.id, every: entry.every })
    if (entry.atBoot) await queue.dispatch(job, { tenantId: null, boot: true } as any)
  }
}
