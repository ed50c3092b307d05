import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { planFullRun } from '#entitlements/engine/service'
import type { RunKind } from '#entitlements/engine/runs'
import EvaluateChunkJob from '#entitlements/jobs/evaluate_chunk_job'

/** Records a full run and dispatches one job per chunk; workers spread them. */
export default class StartFullRun {
  async handle(input: { kind?: RunKind; ctx?: HttpContext; chunkSize?: number } = {}) {
    const { runId, chunks } = await planFullRun({
      kind: input.kind ?? 'full',
      startedBy: input.ctx?.auth?.user?.id ?? null,
      chunkSize: input.chunkSize,
    })
    if (input.ctx) {
      await recordAudit({
        action: 'entitlements.run.started',
        ctx: input.ctx,
        tenantId: null,
        subjectType: 'entitlement_run',
        subjectId: runId,
        metadata: { chunks },
      })
    }
    const queue = await app.container.make('queue')
    for (let position = 0; position < chunks; position++) {
      await queue.dispatch(
        EvaluateChunkJob,
        { tenantId: null, runId, position },
        { jobId: `entitlements-${runId}-${position}` }
      )
    }
    return { runId, chunks }
  }
}
