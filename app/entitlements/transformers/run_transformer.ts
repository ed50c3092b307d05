import { BaseTransformer } from '@adonisjs/core/transformers'
import type { RunSummary } from '#entitlements/queries/list_runs'

export default class RunTransformer extends BaseTransformer<RunSummary> {
  toObject() {
    return this.pick(this.resource, [
      'id',
      'kind',
      'status',
      'chunksDone',
      'chunksTotal',
      'persons',
      'granted',
      'ended',
      'changed',
      'error',
      'startedAt',
      'finishedAt',
    ])
  }
}
