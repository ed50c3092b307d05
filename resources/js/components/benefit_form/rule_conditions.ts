import { list, type BenefitFormOptions } from '~/components/benefit_form/benefit_form_state'

type Attribute = BenefitFormOptions['attributes'][number]

/** One line of the guided rule builder: `age ≥ 65`, `in_group("seniors")`… */
export interface Condition {
  /** `age`, `municipality`, `in_group`, `has_identifier` or `attr:<attribute key>`. */
  subject: string
  operator: string
  value: string
}

export const attributeOf = (attributes: Attribute[], subject: string) =>
  attributes.find((a) => `attr:${a.key}` === subject)

/** The operators that make sense for a subject, first the default. */
export function operatorKeys(subject: string, attribute: Attribute | undefined) {
  if (subject === 'age' || attribute?.type === 'integer')
    return ['ge', 'gt', 'le', 'lt', 'eq', 'ne']
  if (subject === 'in_group' || subject === 'has_identifier' || attribute?.type === 'boolean')
    return ['holds']
  return ['eq', 'ne', 'in']
}

const quote = (text: string) => JSON.stringify(text)
const SYMBOL: Record<string, string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' }

/** The condition in CEL, or null while it is incomplete. */
export function conditionToCel(condition: Condition, attribute: Attribute | undefined) {
  const { subject, operator, value } = condition
  if (subject === 'in_group' || subject === 'has_identifier') {
    return value ? `${subject}(${quote(value)})` : null
  }
  if (attribute?.type === 'boolean') return `holds(${quote(attribute.key)})`
  const left =
    subject === 'age' || subject === 'municipality'
      ? subject
      : `fact(${quote(attribute?.key ?? '')})`
  const numeric = subject === 'age' || attribute?.type === 'integer'
  if (value.trim() === '') return null
  if (operator === 'in') return `${left} in [${list(value).map(quote).join(', ')}]`
  const right = numeric ? String(Number(value)) : quote(value)
  return `${left} ${SYMBOL[operator] ?? '=='} ${right}`
}
