import type { Job, JobPayload } from '#platform/jobs/job'
import StartFullRun from '#eligibility/actions/start_full_run'

/**
 * Daily: moves the horizon to today − 1 year … today + 1 year. It is a full run; periods that
 * began before the horizon keep their stored start, so only real changes are written.
 */
export default class RollHorizonJob implements Job<JobPayload> {
  static jobName = 'entitlements:roll_horizon'

  async handle() {
    return new StartFullRun().handle({ kind: 'horizon' })
  }
}
