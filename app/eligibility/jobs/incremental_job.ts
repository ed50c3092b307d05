import type { Job, JobPayload } from '#platform/jobs/job'
import { incrementalPass } from '#eligibility/engine/service'
import StartFullRun from '#eligibility/actions/start_full_run'

/**
 * Re-evaluates the persons the register change log and group changes name since the last
 * pass; a catalogue change (publication, group) starts a full run instead.
 */
export default class IncrementalJob implements Job<JobPayload> {
  static jobName = 'entitlements:incremental'

  async handle() {
    const result = await incrementalPass()
    if (result?.catalogueChanged) await new StartFullRun().handle({ kind: 'full' })
    return result
  }
}
