import { BaseTransformer } from '@adonisjs/core/transformers'
import type PersonGroup from '#catalogue/models/person_group'

export default class PersonGroupTransformer extends BaseTransformer<PersonGroup> {
  toObject() {
    return {
      ...this.pick(this.resource, ['id', 'key', 'nameLv', 'nameEn', 'kind', 'rule']),
      memberCount: Number(this.resource.$extras.members_count ?? 0),
    }
  }
}
