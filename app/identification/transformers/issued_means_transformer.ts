import { BaseTransformer } from '@adonisjs/core/transformers'
import type { IssuedMeans } from '#identification/queries/issued_means'

/** A means as its issuer sees it: the last characters of the number only, never the holder. */
export default class IssuedMeansTransformer extends BaseTransformer<IssuedMeans> {
  toObject() {
    return this.pick(this.resource, [
      'id',
      'type',
      'valueHint',
      'issuer',
      'validFrom',
      'validTo',
      'deliveredStatus',
      'status',
      'holdReason',
      'replacedById',
      'receivedAt',
    ])
  }
}
