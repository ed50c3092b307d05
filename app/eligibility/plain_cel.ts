import { ageOn } from '#platform/calendar/calendar_dates'
import type { CalendarDate, CheckedRule, FactValue, PersonFacts, RuleNode } from './types.js'

/*
 * The same rule as plain CEL over a snapshot of one person on one date, for
 * any standard CEL interpreter: it lets tests check the compiled code against
 * an independent evaluator, and the benchmark compare them on equal terms.
 *
 * Snapshot variables: `age` (int or null), `birth_date` (string or null),
 * `f` (a map of every attribute the rule reads, `.` written `_`, null when no
 * fact holds), `groups` and `ids` (lists of the group keys and identifier
 * types held on the date).
 */

export interface PlainSnapshot {
  age: bigint | null
  birth_date: string | null
  f: Record<string, string | bigint | boolean | null>
  groups: string[]
  ids: string[]
}

export function plainAttributeName(key: string) {
  return key.replace(/[^A-Za-z0-9_]/g, '_')
}

function literal(node: Extract<RuleNode, { kind: 'literal' }>) {
  if (typeof node.value === 'string') return JSON.stringify(node.value)
  return String(node.value)
}

const mayBeMissing = (node: RuleNode) =>
  node.kind === 'age' ||
  node.kind === 'birth_date' ||
  node.kind === 'fact' ||
  node.kind === 'choice'

function translate(node: RuleNode): string {
  switch (node.kind) {
    case 'literal':
      return literal(node)
    case 'list':
      return `[${node.items.map(translate).join(', ')}]`
    case 'age':
      return 'age'
    case 'birth_date':
      return 'birth_date'
    case 'fact':
      return `f.${plainAttributeName(node.attribute)}`
    case 'holds':
      return node.boolean
        ? `(f.${plainAttributeName(node.attribute)} == true)`
        : `(f.${plainAttributeName(node.attribute)} != null)`
    case 'in_group':
      return `(${JSON.stringify(node.group)} in groups)`
    case 'has_identifier':
      return `(${JSON.stringify(node.identifierType)} in ids)`
    case 'and':
      return `(${node.args.map(condition).join(' && ')})`
    case 'or':
      return `(${node.args.map(condition).join(' || ')})`
    case 'not':
      return `!${condition(node.arg)}`
    case 'choice':
      return `(${condition(node.test)} ? ${translate(node.then)} : ${translate(node.otherwise)})`
    case 'compare': {
      const a = translate(node.left)
      const b = translate(node.right)
      if (node.op === '==' || node.op === '!=') return `(${a} ${node.op} ${b})`
      const guards = [node.left, node.right]
        .filter(mayBeMissing)
        .map((side) => `${translate(side)} != null`)
      return `(${[...guards, `${a} ${node.op} ${b}`].join(' && ')})`
    }
    case 'in': {
      const needle = translate(node.needle)
      const list = translate(node.list)
      return mayBeMissing(node.needle)
        ? `(${needle} != null && ${needle} in ${list})`
        : `(${needle} in ${list})`
    }
    case 'call':
      throw new Error(`Plugin function ${node.fn} has no plain CEL equivalent`)
  }
}

/** A boolean in a condition's place: a yes/no fact that does not hold counts as no. */
function condition(node: RuleNode): string {
  if (node.kind === 'fact' && node.type.kind === 'bool') {
    return `(f.${plainAttributeName(node.attribute)} == true)`
  }
  if (node.kind === 'choice') {
    return `(${condition(node.test)} ? ${condition(node.then)} : ${condition(node.otherwise)})`
  }
  return translate(node)
}

/** The rule as plain CEL over a `PlainSnapshot`. */
export function toPlainCel(checked: CheckedRule): string {
  return condition(checked.ast)
}

function holding<T extends { from: string; to: string | null }>(list: T[] | undefined, on: string) {
  return (list ?? []).filter((item) => item.from <= on && (item.to === null || item.to >= on))
}

/** What the person's register says on the date, for the attributes given (those the rules read). */
export function plainSnapshot(
  attributes: readonly string[],
  person: PersonFacts,
  on: CalendarDate
): PlainSnapshot {
  const f: PlainSnapshot['f'] = {}
  for (const key of attributes) {
    const valid = holding(person.facts.get(key), on)
    // Of overlapping facts, the one that started last.
    valid.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
    const value: FactValue | undefined = valid.at(-1)?.value
    f[plainAttributeName(key)] =
      value === undefined ? null : typeof value === 'number' ? BigInt(value) : value
  }
  const held = (map: Map<string, { from: string; to: string | null }[]>) =>
    [...map].filter(([, list]) => holding(list, on).length > 0).map(([key]) => key)
  return {
    age: person.birthDate === null ? null : BigInt(ageOn(person.birthDate, on)),
    birth_date: person.birthDate,
    f,
    groups: held(person.groups),
    ids: held(person.identifiers),
  }
}

export function isDeadOn(person: PersonFacts, on: CalendarDate) {
  return person.deathDate !== null && person.deathDate < on
}

/** Rules hold only between birth and death (both days included). */
export function isAliveOn(person: PersonFacts, on: CalendarDate) {
  return !isDeadOn(person, on) && (person.birthDate === null || person.birthDate <= on)
}
