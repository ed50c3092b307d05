import logger from '@adonisjs/core/services/logger'
import queue from '#platform/services/queue'
import IncrementalJob from '#entitlements/jobs/incremental_job'

/**
 * After a batch changed the registers (push, connector pull, file import): the incremental
 * entitlement pass re-evaluates the persons the change log names, so a pushed fact reaches
 * the stored entitlements within about a second when a worker is running. A failed dispatch
 * never fails the import: the next pass (or `entitlements:follow`) still reads the change log.
 */
export async function afterRegisterChange(changeLogEntries: number) {
  if (changeLogEntries <= 0) return
  try {
    await queue.dispatch(IncrementalJob, { tenantId: null })
  } catch (error) {
    logger.warn({ err: error }, 'could not dispatch the incremental entitlement pass')
  }
}
