import { BaseTransformer } from '@adonisjs/core/transformers'
import type Service from '#catalogue/models/service'

export default class ServiceTransformer extends BaseTransformer<Service> {
  toObject() {
    return this.pick(this.resource, ['id', 'code', 'nameLv', 'nameEn', 'sector', 'basePriceCents'])
  }
}
