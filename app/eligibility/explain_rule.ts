import { ageOn } from '#platform/calendar/calendar_dates'
import { factOn, normalise, periodOn } from './runtime.js'
import type {
  CalendarDate,
  CheckedRule,
  ExplainFact,
  ExplainNode,
  FactValue,
  PersonFacts,
  RuleNode,
} from './types.js'

/*
 * Explanations walk the checked tree with the same meaning as the compiled
 * code, but evaluate every condition (no short-circuit), so staff see each
 * condition's value and the facts behind it, with their dates and sources.
 */

type Value = FactValue | undefined

/** Re-prints a checked node as CEL. */
export function printRule(node: RuleNode): string {
  const wrap = (child: RuleNode) =>
    child.kind === 'and' || child.kind === 'or' || child.kind === 'choice'
      ? `(${printRule(child)})`
      : printRule(child)
  switch (node.kind) {
    case 'literal':
      if (node.type.kind === 'date') return `date(${JSON.stringify(node.value)})`
      return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value)
    case 'list':
      return `[${node.items.map(printRule).join(', ')}]`
    case 'age':
      return 'age'
    case 'birth_date':
      return 'birth_date'
    case 'fact':
      return node.alias ?? `fact(${JSON.stringify(node.attribute)})`
    case 'holds':
      return `holds(${JSON.stringify(node.attribute)})`
    case 'in_group':
      return `in_group(${JSON.stringify(node.group)})`
    case 'has_identifier':
      return `has_identifier(${JSON.stringify(node.identifierType)})`
    case 'and':
      return node.args.map(wrap).join(' && ')
    case 'or':
      return node.args.map(wrap).join(' || ')
    case 'not':
      return `!${node.arg.kind === 'compare' || node.arg.kind === 'in' ? `(${printRule(node.arg)})` : wrap(node.arg)}`
    case 'compare':
      return `${wrap(node.left)} ${node.op} ${wrap(node.right)}`
    case 'in':
      return `${wrap(node.needle)} in ${printRule(node.list)}`
    case 'choice':
      return `${wrap(node.test)} ? ${wrap(node.then)} : ${wrap(node.otherwise)}`
    case 'call':
      return `${node.fn}(${node.args.map(printRule).join(', ')})`
  }
}

class Explainer {
  constructor(
    readonly checked: CheckedRule,
    readonly person: PersonFacts,
    readonly on: CalendarDate
  ) {}

  /** The facts a node reads, as evidence. */
  evidence(node: RuleNode, into: ExplainFact[] = []): ExplainFact[] {
    const { person, on } = this
    const push = (fact: ExplainFact) => {
      const same = into.some(
        (other) => other.kind === fact.kind && other.attribute === fact.attribute
      )
      if (!same) into.push(fact)
    }
    switch (node.kind) {
      case 'age':
      case 'birth_date':
        push({
          kind: 'birth_date',
          attribute: 'birth_date',
          value: person.birthDate,
          from: person.birthDate,
          to: null,
        })
        break
      case 'fact':
      case 'holds': {
        const fact = factOn(person.facts.get(node.attribute), on)
        push({
          kind: 'fact',
          attribute: node.attribute,
          value: fact?.value ?? null,
          from: fact?.from ?? null,
          to: fact?.to ?? null,
          ...(fact?.source !== undefined ? { source: fact.source } : {}),
        })
        break
      }
      case 'in_group': {
        const period = periodOn(person.groups.get(node.group), on)
        push({
          kind: 'group',
          attribute: node.group,
          value: period !== undefined,
          from: period?.from ?? null,
          to: period?.to ?? null,
        })
        break
      }
      case 'has_identifier': {
        const period = periodOn(person.identifiers.get(node.identifierType), on)
        push({
          kind: 'identifier',
          attribute: node.identifierType,
          value: period !== undefined,
          from: period?.from ?? null,
          to: period?.to ?? null,
        })
        break
      }
      default:
        for (const child of childrenOf(node)) this.evidence(child, into)
    }
    return into
  }

  value(node: RuleNode): Value {
    const { person, on } = this
    switch (node.kind) {
      case 'literal':
        return node.value
      case 'list':
        return undefined
      case 'age':
        return person.birthDate === null ? undefined : ageOn(person.birthDate, on)
      case 'birth_date':
        return person.birthDate ?? undefined
      case 'fact':
        return factOn(person.facts.get(node.attribute), on)?.value
      case 'holds': {
        const value = factOn(person.facts.get(node.attribute), on)?.value
        return node.boolean ? value === true : value !== undefined
      }
      case 'in_group':
        return periodOn(person.groups.get(node.group), on) !== undefined
      case 'has_identifier':
        return periodOn(person.identifiers.get(node.identifierType), on) !== undefined
      case 'and':
        return node.args.every((arg) => this.value(arg) === true)
      case 'or':
        return node.args.some((arg) => this.value(arg) === true)
      case 'not':
        return this.value(node.arg) !== true
      case 'compare': {
        const a = this.value(node.left)
        const b = this.value(node.right)
        switch (node.op) {
          case '==':
            return a === b
          case '!=':
            return a !== b
          default:
            if (a === undefined || b === undefined) return false
            if (node.op === '<') return a < b
            if (node.op === '<=') return a <= b
            if (node.op === '>') return a > b
            return a >= b
        }
      }
      case 'in': {
        const needle = this.value(node.needle)
        const items = node.list.kind === 'list' ? node.list.items : []
        return items.some((item) => this.value(item) === needle)
      }
      case 'choice':
        return this.value(node.test) === true ? this.value(node.then) : this.value(node.otherwise)
      case 'call': {
        const fn = this.checked.functions[node.fn]
        const result = normalise(
          fn.implementation(...node.args.map((arg) => this.value(arg)), { person, on })
        )
        return node.type.kind === 'bool' ? result === true : result
      }
    }
  }

  explain(node: RuleNode): ExplainNode {
    const base = {
      expression: printRule(node),
      line: node.pos.line,
      column: node.pos.column,
    }
    switch (node.kind) {
      case 'and':
      case 'or': {
        const children = node.args.map((arg) => this.explain(arg))
        const value =
          node.kind === 'and'
            ? children.every((child) => child.value === true)
            : children.some((child) => child.value === true)
        return { kind: node.kind === 'and' ? 'all' : 'any', ...base, value, facts: [], children }
      }
      case 'not': {
        const child = this.explain(node.arg)
        return { kind: 'not', ...base, value: child.value !== true, facts: [], children: [child] }
      }
      case 'choice': {
        const children = [
          this.explain(node.test),
          this.explain(node.then),
          this.explain(node.otherwise),
        ]
        return { kind: 'choice', ...base, value: this.value(node) ?? null, facts: [], children }
      }
      default: {
        const explained: ExplainNode = {
          kind: 'condition',
          ...base,
          value: this.value(node) ?? null,
          facts: this.evidence(node),
        }
        if (usesAge(node)) {
          explained.age =
            this.person.birthDate === null ? null : ageOn(this.person.birthDate, this.on)
        }
        return explained
      }
    }
  }
}

function childrenOf(node: RuleNode): RuleNode[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.args
    case 'not':
      return [node.arg]
    case 'compare':
      return [node.left, node.right]
    case 'in':
      return [node.needle, node.list]
    case 'list':
      return node.items
    case 'choice':
      return [node.test, node.then, node.otherwise]
    case 'call':
      return node.args
    default:
      return []
  }
}

function usesAge(node: RuleNode): boolean {
  return node.kind === 'age' || childrenOf(node).some(usesAge)
}

/** A tree-walking evaluation with the compiled code's meaning (no short-circuit needed). */
export function interpretRule(checked: CheckedRule, person: PersonFacts, on: CalendarDate) {
  if (person.deathDate !== null && person.deathDate < on) return false
  if (person.birthDate !== null && on < person.birthDate) return false
  return new Explainer(checked, person, on).value(checked.ast) === true
}

/** Each condition's value on the date and the facts behind it. */
export function explainRule(
  checked: CheckedRule,
  person: PersonFacts,
  on: CalendarDate
): ExplainNode {
  const explained = new Explainer(checked, person, on).explain(checked.ast)
  // Nobody is entitled before birth or after death, whatever the rule says.
  const outside =
    person.birthDate !== null && on < person.birthDate
      ? { kind: 'birth_date' as const, date: person.birthDate }
      : person.deathDate !== null && person.deathDate < on
        ? { kind: 'death_date' as const, date: person.deathDate }
        : null
  if (outside) {
    return {
      kind: 'all',
      expression: printRule(checked.ast),
      line: 1,
      column: 1,
      value: false,
      facts: [
        {
          kind: outside.kind,
          attribute: outside.kind,
          value: outside.date,
          from: outside.date,
          to: null,
        },
      ],
      children: [explained],
    }
  }
  return explained
}
