import type { Job, JobPayload } from '#platform/jobs/job'
import { runChunk } from '#entitlements/engine/service'

export interface EvaluateChunkPayload extends JobPayload {
  runId: number
  position: number
}

/** One chunk of a full entitlement run; idempotent (a chunk already done is skipped). */
export default class EvaluateChunkJob implements Job<EvaluateChunkPayload> {
  static jobName = 'entitlements:evaluate_chunk'

  async handle(payload: EvaluateChunkPayload) {
    return runChunk(payload.runId, payload.position)
  }
}
