import logger from '@adonisjs/core/services/logger'
import type { Job, JobPayload } from '#platform/jobs/job'
import EnforceRetention from '#platform/retention/enforce_retention'

/** Daily (config/queue.ts `schedules`): deletes what outlived its retention period. */
export default class EnforceRetentionJob implements Job<JobPayload> {
  static jobName = 'platform:enforce_retention'
  static queue = 'default'

  async handle() {
    const outcomes = await new EnforceRetention().handle()
    const deleted = outcomes.filter((outcome) => outcome.rows > 0)
    if (deleted.length > 0) logger.info({ deleted }, 'retention: expired data deleted')
    return outcomes
  }
}
