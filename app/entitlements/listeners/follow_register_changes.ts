import queue from '#platform/services/queue'
import IncrementalJob from '#entitlements/jobs/incremental_job'
import type { FactsChanged } from '#platform/events/domain_events'

/**
 * The incremental entitlement pass re-evaluates the persons the change log names, so a pushed
 * fact reaches the stored entitlements within about a second when a worker runs. The pass reads
 * the change log from its own cursor, so a lost dispatch is caught up by the next one (or by
 * `entitlements:follow`).
 */
export default class FollowRegisterChanges {
  async handle(_event: FactsChanged) {
    await queue.dispatch(IncrementalJob, { tenantId: null })
  }
}
