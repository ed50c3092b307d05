import queue from '#platform/services/queue'
import RefreshOfflineListsJob from '#decisions/jobs/refresh_offline_lists_job'

/**
 * Entitlements or register data (identifiers among them) changed: refresh the offline lists.
 * The refresh recomputes each list whole, so merged dispatches lose nothing: the job id folds
 * the changes of one second into one refresh, which runs after that second is over.
 */
export default class RefreshOfflineListsAfterChanges {
  async handle() {
    await queue.dispatch(
      RefreshOfflineListsJob,
      { tenantId: null },
      { jobId: `decisions:refresh_offline_lists:${Math.floor(Date.now() / 1000)}`, delay: 1000 }
    )
  }
}
