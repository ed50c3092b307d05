import { BaseTransformer } from '@adonisjs/core/transformers'
import type { DataSourceRecord } from '#registers/queries/data_sources'

export default class DataSourceTransformer extends BaseTransformer<DataSourceRecord> {
  toObject() {
    return {
      ...this.pick(this.resource, [
        'id',
        'code',
        'name',
        'description',
        'allowedAttributes',
        'deliversPersons',
        'deliversIdentifiers',
      ]),
      createdAt: this.resource.createdAt.toISOString(),
    }
  }
}
