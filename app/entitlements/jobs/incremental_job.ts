import type { Job, JobClass, JobPayload } from '#platform/jobs/job'
import { incrementalPass } from '#entitlements/engine/service'
import StartFullRun from '#entitlements/actions/start_full_run'

export interface IncrementalPayload extends JobPayload {
  /** Set when re-dispatched because another pass held the lock. */
  retry?: number
}

const MAX_RETRIES = 20

/**
 * Re-evaluates the persons the register change log and group changes name since the last
 * pass; a catalogue change (publication, group) starts a full run instead.
 */
export default class IncrementalJob implements Job<IncrementalPayload> {
  static jobName = 'entitlements:incremental'

  async handle(payload: IncrementalPayload = { tenantId: null }) {
    const result = await incrementalPass()
    if (result === null) {
      // Another pass holds the lock and may have read the change log before the change that
      // dispatched this job committed: try again shortly rather than wait for the next change.
      const retry = (payload.retry ?? 0) + 1
      if (retry <= MAX_RETRIES) {
        const { default: queue } = await import('#platform/services/queue')
        const job: JobClass<IncrementalPayload> = IncrementalJob
        await queue.dispatch(job, { tenantId: null, retry }, { delay: 250 })
      }
      return null
    }
    if (result.catalogueChanged) await new StartFullRun().handle({ kind: 'full' })
    return result
  }
}
