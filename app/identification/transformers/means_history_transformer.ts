import { BaseTransformer } from '@adonisjs/core/transformers'
import type { MeansHistoryEntry } from '#identification/queries/issued_means'

export default class MeansHistoryTransformer extends BaseTransformer<MeansHistoryEntry> {
  toObject() {
    return this.pick(this.resource, [
      'id',
      'fromStatus',
      'toStatus',
      'reason',
      'source',
      'replacedById',
      'userEmail',
      'createdAt',
    ])
  }
}
