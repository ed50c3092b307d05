import type { AttributeDefinition } from '#platform/plugins/define_plugin'
import type { Registered } from '#platform/plugins/registry'
import { findMunicipality, isMunicipalityValidDuring } from '#registers/municipalities'
import { isValidRegistrationNumber } from '#registers/registration_number'
import { isCalendarDate } from '#registers/import/row_validator'

/**
 * The attribute catalogue a register import checks fact values against, built from the
 * attribute registry (see import/import_catalogue.ts). It keeps of each attribute only what its
 * checks read: plain data that an import's worker threads receive to build an equal catalogue.
 */
export type CatalogueAttribute = Pick<
  Registered<AttributeDefinition>,
  'key' | 'type' | 'owner' | 'values' | 'min' | 'max' | 'format' | 'maxLength' | 'pattern'
>

export type ValueProblem = 'value_not_allowed' | 'unknown_municipality'

const DEFAULT_MAX_LENGTH = 200

export class AttributeCatalogue {
  #attributes = new Map<string, CatalogueAttribute>()

  constructor(attributes: readonly CatalogueAttribute[]) {
    for (const attribute of attributes) {
      if (this.#attributes.has(attribute.key)) {
        throw new Error(`Attribute "${attribute.key}" is declared twice`)
      }
      this.#attributes.set(attribute.key, Object.freeze({ ...attribute }))
    }
  }

  get(key: string): CatalogueAttribute | undefined {
    return this.#attributes.get(key)
  }

  has(key: string): boolean {
    return this.#attributes.has(key)
  }

  keys(): string[] {
    return [...this.#attributes.keys()]
  }

  /** The attributes the catalogue was built from: what a worker thread needs to build it again. */
  attributes(): CatalogueAttribute[] {
    return [...this.#attributes.values()]
  }

  /** Null when the value is allowed for the attribute over the period. */
  checkValue(key: string, value: string, from: string, to: string | null): ValueProblem | null {
    const attribute = this.#attributes.get(key)
    if (!attribute) throw new Error(`Unknown attribute "${key}"`)
    switch (attribute.type) {
      case 'enum':
        return attribute.values!.includes(value) ? null : 'value_not_allowed'
      // A register states that a flag holds; a flag that does not hold is no fact at all.
      case 'boolean':
        return value === 'true' ? null : 'value_not_allowed'
      case 'integer': {
        if (!/^\d+$/.test(value)) return 'value_not_allowed'
        const n = Number(value)
        return n >= (attribute.min ?? 0) && n <= (attribute.max ?? Number.MAX_SAFE_INTEGER)
          ? null
          : 'value_not_allowed'
      }
      case 'date':
        return isCalendarDate(value) ? null : 'value_not_allowed'
      case 'string':
        return checkString(attribute, value, from, to)
    }
  }
}

function checkString(
  attribute: CatalogueAttribute,
  value: string,
  from: string,
  to: string | null
): ValueProblem | null {
  if (attribute.format === 'municipality') {
    if (!findMunicipality(value) || !isMunicipalityValidDuring(value, from, to)) {
      return 'unknown_municipality'
    }
  } else if (attribute.format === 'registration_number') {
    if (!isValidRegistrationNumber(value)) return 'value_not_allowed'
  }
  if (value.length === 0 || value.length > (attribute.maxLength ?? DEFAULT_MAX_LENGTH)) {
    return 'value_not_allowed'
  }
  return attribute.pattern && !attribute.pattern.test(value) ? 'value_not_allowed' : null
}
