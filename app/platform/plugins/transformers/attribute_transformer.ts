import { BaseTransformer } from '@adonisjs/core/transformers'
import type { AttributeDefinition } from '#platform/plugins/define_plugin'
import type { Registered } from '#platform/plugins/registry'

export default class AttributeTransformer extends BaseTransformer<Registered<AttributeDefinition>> {
  toObject() {
    const attribute = this.resource
    return {
      key: attribute.key,
      type: attribute.type,
      labels: attribute.labels,
      description: attribute.description ?? null,
      values: (attribute.values ?? []).map((value) => ({
        value,
        labels: attribute.valueLabels?.[value] ?? null,
      })),
      min: attribute.min ?? null,
      max: attribute.max ?? null,
      owner: attribute.owner,
    }
  }
}
