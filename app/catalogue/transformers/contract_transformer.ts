import { BaseTransformer } from '@adonisjs/core/transformers'
import type Contract from '#catalogue/models/contract'

/** A contract as either side sees it (benefits and services preloaded, both tenants named). */
export default class ContractTransformer extends BaseTransformer<Contract> {
  toObject() {
    const c = this.resource
    return {
      ...this.pick(c, [
        'id',
        'reference',
        'status',
        'validFrom',
        'validTo',
        'compensationMethod',
        'compensationParams',
        'monthlyCapCents',
        'responseNote',
      ]),
      grantor: c.grantor?.name ?? '',
      provider: c.provider?.name ?? '',
      benefits: (c.benefits ?? []).map((b) => b.code),
      services: (c.services ?? []).map((s) => s.code),
    }
  }
}
