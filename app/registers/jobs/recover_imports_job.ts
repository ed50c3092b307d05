import queue from '#platform/services/queue'
import type { Job, JobPayload } from '#platform/jobs/job'
import RecoverDeadImports from '#registers/actions/recover_dead_imports'
import ResumeQueuedImports from '#registers/actions/resume_queued_imports'

export interface RecoverImportsPayload extends JobPayload {
  /** Dispatched as the process starts (config/queue.ts `atBoot`). */
  boot?: boolean
}

/** Periodic (config/queue.ts `schedules`): fails imports whose worker died, see the action. */
export default class RecoverImportsJob implements Job<RecoverImportsPayload> {
  static jobName = 'registers:recover_imports'
  static queue = 'default'

  async handle({ boot }: RecoverImportsPayload) {
    const recovered = await new RecoverDeadImports().handle()
    // In-process queues die with their process: at start, what waited in one is run again.
    if (boot && queue.driverName === 'in_process') await new ResumeQueuedImports().handle()
    return recovered
  }
}
