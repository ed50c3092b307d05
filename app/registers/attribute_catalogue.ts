import { findMunicipality, isMunicipalityValidDuring } from '#registers/municipalities'
import { isValidRegistrationNumber } from '#registers/registration_number'

/**
 * The attribute catalogue: every register attribute with its type and allowed values. Core
 * declares `residence.municipality`; sector plugins add theirs through `add` (until the plugin
 * registries land, the default catalogue also carries the welfare and education attributes of
 * contracts.md, marked with the plugin that will own them). Labels are translations under
 * `registers.attributes.<key>`.
 */
export type AttributeType =
  'municipality' | 'enum' | 'flag' | 'integer' | 'registration_number' | 'text'

export interface AttributeDefinition {
  key: string
  type: AttributeType
  declaredBy: string
  values?: readonly string[]
  min?: number
  max?: number
  maxLength?: number
}

export type ValueProblem = 'value_not_allowed' | 'unknown_municipality'

export class AttributeCatalogue {
  #definitions = new Map<string, AttributeDefinition>()

  add(definition: AttributeDefinition): this {
    if (this.#definitions.has(definition.key)) {
      throw new Error(`Attribute "${definition.key}" is already declared`)
    }
    this.#definitions.set(definition.key, Object.freeze({ ...definition }))
    return this
  }

  get(key: string): AttributeDefinition | undefined {
    return this.#definitions.get(key)
  }

  has(key: string): boolean {
    return this.#definitions.has(key)
  }

  keys(): string[] {
    return [...this.#definitions.keys()]
  }

  /** Null when the value is allowed for the attribute over the period. */
  checkValue(key: string, value: string, from: string, to: string | null): ValueProblem | null {
    const definition = this.#definitions.get(key)
    if (!definition) throw new Error(`Unknown attribute "${key}"`)
    switch (definition.type) {
      case 'municipality':
        if (!findMunicipality(value)) return 'unknown_municipality'
        return isMunicipalityValidDuring(value, from, to) ? null : 'unknown_municipality'
      case 'enum':
        return definition.values!.includes(value) ? null : 'value_not_allowed'
      case 'flag':
        return value === 'true' ? null : 'value_not_allowed'
      case 'integer': {
        if (!/^\d+$/.test(value)) return 'value_not_allowed'
        const n = Number(value)
        return n >= (definition.min ?? 0) && n <= (definition.max ?? Number.MAX_SAFE_INTEGER)
          ? null
          : 'value_not_allowed'
      }
      case 'registration_number':
        return isValidRegistrationNumber(value) ? null : 'value_not_allowed'
      case 'text':
        return value.length > 0 && value.length <= (definition.maxLength ?? 200)
          ? null
          : 'value_not_allowed'
    }
  }
}

export function defaultAttributeCatalogue(): AttributeCatalogue {
  return new AttributeCatalogue()
    .add({ key: 'residence.municipality', type: 'municipality', declaredBy: 'core' })
    .add({
      key: 'disability.group',
      type: 'enum',
      values: ['I', 'II', 'III'],
      declaredBy: 'welfare',
    })
    .add({ key: 'disability.child', type: 'flag', declaredBy: 'welfare' })
    .add({ key: 'status.orphan', type: 'flag', declaredBy: 'welfare' })
    .add({ key: 'status.repressed', type: 'flag', declaredBy: 'welfare' })
    .add({ key: 'family.honour_card', type: 'text', maxLength: 40, declaredBy: 'welfare' })
    .add({ key: 'pension.old_age', type: 'flag', declaredBy: 'welfare' })
    .add({
      key: 'education.level',
      type: 'enum',
      values: ['preschool', 'basic', 'secondary', 'vocational', 'higher'],
      declaredBy: 'education',
    })
    .add({ key: 'education.grade', type: 'integer', min: 1, max: 12, declaredBy: 'education' })
    .add({ key: 'education.school', type: 'registration_number', declaredBy: 'education' })
}
