import { BaseTransformer } from '@adonisjs/core/transformers'
import type PersonGroup from '#catalogue/models/person_group'
import type Service from '#catalogue/models/service'
import type Contract from '#catalogue/models/contract'

export class PersonGroupTransformer extends BaseTransformer<PersonGroup> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'key', 'nameLv', 'nameEn', 'kind', 'rule']),
      memberCount: Number(this.resource.$extras.members_count ?? 0),
    }
  }
}

export class ServiceTransformer extends BaseTransformer<Service> {
  toObject() {
    return this.pick(this.resource, ['id', 'code', 'nameLv', 'nameEn', 'sector', 'basePriceCents'])
  }
}

/** A contract as either side sees it (benefits and services preloaded, both tenants named). */
export class ContractTransformer extends BaseTransformer<Contract> {
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
