import type { AttributeDefinition } from '#platform/plugins/define_plugin'
import type { Registered } from '#platform/plugins/registry'
import {
  isMunicipalityValidDuring,
  municipalityProblem,
  normalizeMunicipalityName,
} from '#registers/municipalities'
import { isValidRegistrationNumber } from '#platform/identifiers/registration_number'
import { isCalendarDate } from '#platform/calendar/calendar_dates'

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

/**
 * What exactly is wrong with a value, beyond its reason code: a translation key under
 * `registers.import.details` and its values (the description in the error report).
 */
export interface ValueDetail {
  key: string
  values: Record<string, string>
}

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

  /**
   * The value as it is compared and stored: municipality names in Unicode NFC. Other values
   * are kept as delivered (fact values are not trimmed either).
   */
  normalizeValue(key: string, value: string): string {
    return this.#attributes.get(key)?.format === 'municipality'
      ? normalizeMunicipalityName(value)
      : value
  }

  /** Why `checkValue` refused the value, when there is more to say than its reason. */
  explainValue(key: string, value: string, from: string, to: string | null): ValueDetail | null {
    if (this.#attributes.get(key)?.format !== 'municipality') return null
    const problem = municipalityProblem(value, from, to)
    if (!problem) return null
    switch (problem.kind) {
      case 'unknown':
        return problem.suggestion
          ? {
              key: 'municipality_unknown_suggestion',
              values: { name: problem.name, suggestion: problem.suggestion },
            }
          : { key: 'municipality_unknown', values: { name: problem.name } }
      case 'not_yet':
        return problem.predecessors.length > 0
          ? {
              key: 'municipality_not_yet_predecessors',
              values: {
                name: problem.name,
                from: problem.from,
                predecessors: problem.predecessors.join(', '),
              },
            }
          : { key: 'municipality_not_yet', values: { name: problem.name, from: problem.from } }
      case 'ended':
        return problem.successor
          ? {
              key: 'municipality_ended_successor',
              values: { name: problem.name, day: problem.day, successor: problem.successor },
            }
          : { key: 'municipality_ended', values: { name: problem.name, day: problem.day } }
    }
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
    if (!isMunicipalityValidDuring(value, from, to)) return 'unknown_municipality'
  } else if (attribute.format === 'registration_number') {
    if (!isValidRegistrationNumber(value)) return 'value_not_allowed'
  }
  if (value.length === 0 || value.length > (attribute.maxLength ?? DEFAULT_MAX_LENGTH)) {
    return 'value_not_allowed'
  }
  return attribute.pattern && !attribute.pattern.test(value) ? 'value_not_allowed' : null
}
