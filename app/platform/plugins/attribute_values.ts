import type { AttributeDefinition } from '#platform/plugins/define_plugin'

/**
 * Checks a raw register value (as it appears in facts.csv) against its
 * attribute's declaration. Returns the reason it is invalid, or null.
 */
export function attributeValueError(attribute: AttributeDefinition, value: string): string | null {
  switch (attribute.type) {
    case 'enum':
      return attribute.values?.includes(value)
        ? null
        : `must be one of ${attribute.values?.join(', ')}`
    case 'boolean':
      return value === 'true' || value === 'false' ? null : 'must be true or false'
    case 'integer': {
      if (!/^-?\d+$/.test(value)) return 'must be a whole number'
      const number = Number(value)
      if (attribute.min !== undefined && number < attribute.min)
        return `must be at least ${attribute.min}`
      if (attribute.max !== undefined && number > attribute.max)
        return `must be at most ${attribute.max}`
      return null
    }
    case 'date': {
      const date = new Date(`${value}T00:00:00Z`)
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && date.toISOString().startsWith(value)
      return valid ? null : 'must be a date YYYY-MM-DD'
    }
    case 'string':
      if (value.trim() === '') return 'must not be empty'
      return attribute.pattern && !attribute.pattern.test(value) ? 'has an invalid format' : null
  }
}
