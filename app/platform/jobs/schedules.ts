import type { JobLoaders, ScheduleEntry } from '#platform/jobs/job'
import type { QueueService } from '#platform/jobs/queue_service'

/** Starts the periodic jobs; those marked `atBoot` are also dispatched once now. */
export async function startSchedules(
  queue: QueueService,
  config: { jobs: JobLoaders; schedules: ScheduleEntry[] }
) {
  for (const entry of config.schedules) {
    const loader = config.jobs[entry.job]
    if (!loader) throw new Error(`Schedule "${entry.id}" names an unknown job "${entry.job}"`)
    const { default: job } = await loader()
    await queue.schedule(job, { tenantId: null }, { id: entry.id, every: entry.every })
    if (entry.atBoot) await queue.dispatch(job, { tenantId: null, boot: true } as any)
  }
}
