import { addDays, ageCutoff, birthdayOfAge, splitDate } from '#platform/calendar/calendar_dates'
import { explainRule } from './explain_rule.js'
import { runtime } from './runtime.js'
import type {
  CalendarDate,
  CheckedRule,
  CompareOperator,
  ExplainNode,
  PersonFacts,
  RuleNode,
} from './types.js'

/*
 * Compiles a checked rule to a JavaScript function.
 *
 * The code is generated from the checked tree only, never from the rule's
 * text: it is made of fixed templates, slot numbers and integers the checker
 * validated as safe integers. Every string of the rule (attribute keys, group
 * keys, compared values) is passed in a constants array and read as `c<n>`,
 * so no text a grantor typed ever becomes code.
 *
 * Two shapes are generated: one for any date (the date is an argument; age
 * cut-offs are recomputed only when the date changes) and one with the date
 * folded in (age comparisons become string comparisons with constant cut-off
 * dates), which is what a full run on one date uses.
 */

export type RuleForDate = (person: PersonFacts) => boolean
export type RuleForAnyDate = (person: PersonFacts, on: CalendarDate) => boolean

export interface CompiledRule {
  readonly checked: CheckedRule
  /** Whether the rule holds for the person on the date. */
  evaluate(person: PersonFacts, on: CalendarDate): boolean
  /** The rule specialised for one date (cached). */
  forDate(on: CalendarDate): RuleForDate
  /**
   * Days after `after` on which the answer may change, however far ahead: a
   * fact the rule reads starts or ends, an age the rule compares with is
   * reached, a membership or identifier starts or ends, the person is born or
   * dies. After the last of them the answer holds for ever.
   */
  breakpoints(person: PersonFacts, after: CalendarDate): CalendarDate[]
  /** Why the rule holds or not for the person on the date. */
  explain(person: PersonFacts, on: CalendarDate): ExplainNode
  /** The generated source, for tests and debugging. */
  readonly code: string
}

const FLIP: Record<CompareOperator, CompareOperator> = {
  '==': '==',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

const MAX_CACHED_DATES = 512
const MAX_CACHED_CUTOFF_DATES = 1 << 16

/**
 * A rule reading the age other than against a fixed number may change its answer on any
 * birthday; birthdays past this age are not breakpoints (nobody on the register is older).
 */
const OLDEST_AGE = 130

class Generator {
  readonly constants: unknown[] = []
  readonly #constantIndex = new Map<unknown, number>()
  readonly thresholds = new Set<number>()
  readonly cutoffSlots = new Map<number, string>()
  readonly memo = new Map<string, string>()
  readonly uses = new Map<string, number>()
  everyBirthday = false
  everyFact = false
  temps = 0

  constructor(
    readonly folded: CalendarDate | null,
    roots: RuleNode[],
    /** Cut-offs computed when first read on a date (one rule), not all at once (a set). */
    readonly lazyCutoffs = false
  ) {
    for (const root of roots) this.count(root)
  }

  /** How often each fact, group and identifier is read, to share lookups read more than once. */
  count(node: RuleNode) {
    const key = lookupKey(node)
    if (key !== null) this.uses.set(key, (this.uses.get(key) ?? 0) + 1)
    for (const child of children(node)) this.count(child)
  }

  constant(value: unknown): string {
    let index = this.#constantIndex.get(value)
    if (index === undefined) {
      index = this.constants.length
      this.constants.push(value)
      this.#constantIndex.set(value, index)
    }
    return `c${index}`
  }

  temp() {
    return `t${this.temps++}`
  }

  int(value: number) {
    if (!Number.isSafeInteger(value)) throw new Error('Unsafe integer in a checked rule')
    return value < 0 ? `(${value})` : String(value)
  }

  /** The latest birth date of a person at least `years` old on the evaluation date. */
  cutoff(years: number) {
    this.thresholds.add(years)
    if (this.folded !== null) return this.constant(ageCutoff(this.folded, years))
    let slot = this.cutoffSlots.get(years)
    if (!slot) {
      slot = `k${this.cutoffSlots.size}`
      this.cutoffSlots.set(years, slot)
    }
    if (this.lazyCutoffs)
      return `(${slot} === null ? (${slot} = H.cut(on, ${this.int(years)})) : ${slot})`
    return slot
  }

  /** A lookup, computed at most once per person when read more than once. */
  lookup(key: string, read: string) {
    if ((this.uses.get(key) ?? 0) < 2) return read
    let slot = this.memo.get(key)
    if (!slot) {
      slot = `m${this.memo.size}`
      this.memo.set(key, slot)
    }
    return `(${slot} === U ? (${slot} = ${read}) : ${slot})`
  }

  factValue(attribute: string) {
    return this.lookup(
      `fact:${attribute}`,
      `H.valueOn(p.facts.get(${this.constant(attribute)}), on)`
    )
  }

  /** An expression that is the node's value, `undefined` standing for "no value". */
  value(node: RuleNode): string {
    switch (node.kind) {
      case 'literal':
        if (typeof node.value === 'number') return this.int(node.value)
        if (typeof node.value === 'boolean') return node.value ? 'true' : 'false'
        return this.constant(node.value)
      case 'age':
        this.everyBirthday = true
        return 'H.age(p.birthDate, on)'
      case 'birth_date':
        return '(p.birthDate === null ? undefined : p.birthDate)'
      case 'fact':
        return this.factValue(node.attribute)
      case 'choice':
        return `(${this.bool(node.test)} ? ${this.value(node.then)} : ${this.value(node.otherwise)})`
      case 'call': {
        this.everyBirthday = true
        this.everyFact = true
        const args = node.args.map((arg) => this.value(arg))
        const call = `F[${this.constant(node.fn)}](${[...args, '{ person: p, on }'].join(', ')})`
        return node.type.kind === 'bool' ? `(${call} === true)` : `H.normalise(${call})`
      }
      default:
        return this.bool(node)
    }
  }

  ageComparison(op: CompareOperator, years: number): string {
    const atLeast = (n: number) => `p.birthDate <= ${this.cutoff(n)}`
    const below = (n: number) => `p.birthDate > ${this.cutoff(n)}`
    switch (op) {
      case '>=':
        return `(p.birthDate !== null && ${atLeast(years)})`
      case '>':
        return `(p.birthDate !== null && ${atLeast(years + 1)})`
      case '<':
        return `(p.birthDate !== null && ${below(years)})`
      case '<=':
        return `(p.birthDate !== null && ${below(years + 1)})`
      case '==':
        return `(p.birthDate !== null && ${atLeast(years)} && ${below(years + 1)})`
      case '!=':
        return `!(p.birthDate !== null && ${atLeast(years)} && ${below(years + 1)})`
    }
  }

  compare(op: CompareOperator, left: RuleNode, right: RuleNode): string {
    // Age against a fixed number: a comparison of the birth date with a cut-off date.
    if (left.kind === 'age' && right.kind === 'literal' && typeof right.value === 'number') {
      return this.ageComparison(op, right.value)
    }
    if (right.kind === 'age' && left.kind === 'literal' && typeof left.value === 'number') {
      return this.ageComparison(FLIP[op], left.value)
    }
    const a = this.value(left)
    const b = this.value(right)
    if (op === '==') return `(${a} === ${b})`
    if (op === '!=') return `(${a} !== ${b})`
    // Ordering with a missing value is false.
    const leftFixed = left.kind === 'literal'
    const rightFixed = right.kind === 'literal'
    const x = leftFixed ? a : this.temp()
    const y = rightFixed ? b : this.temp()
    const guards = [
      ...(leftFixed ? [] : [`(${x} = ${a}) !== undefined`]),
      ...(rightFixed ? [] : [`(${y} = ${b}) !== undefined`]),
    ]
    return `(${[...guards, `${x} ${op} ${y}`].join(' && ')})`
  }

  bool(node: RuleNode): string {
    switch (node.kind) {
      case 'and':
        return `(${node.args.map((arg) => this.bool(arg)).join(' && ')})`
      case 'or':
        return `(${node.args.map((arg) => this.bool(arg)).join(' || ')})`
      case 'not':
        return `!${this.bool(node.arg)}`
      case 'compare':
        return this.compare(node.op, node.left, node.right)
      case 'in': {
        const items = node.list.kind === 'list' ? node.list.items : []
        if (items.length === 0) return 'false'
        if (node.needle.kind === 'age') {
          return `(${items.map((item) => this.compare('==', node.needle, item)).join(' || ')})`
        }
        const t = this.temp()
        const tests = items.map((item, index) =>
          index === 0
            ? `(${t} = ${this.value(node.needle)}) === ${this.value(item)}`
            : `${t} === ${this.value(item)}`
        )
        return `(${tests.join(' || ')})`
      }
      case 'holds': {
        const value = this.factValue(node.attribute)
        return node.boolean ? `(${value} === true)` : `(${value} !== undefined)`
      }
      case 'in_group':
        return this.lookup(
          `group:${node.group}`,
          `H.during(p.groups.get(${this.constant(node.group)}), on)`
        )
      case 'has_identifier':
        return this.lookup(
          `identifier:${node.identifierType}`,
          `H.during(p.identifiers.get(${this.constant(node.identifierType)}), on)`
        )
      case 'choice':
        return `(${this.bool(node.test)} ? ${this.bool(node.then)} : ${this.bool(node.otherwise)})`
      case 'literal':
        return node.value === true ? 'true' : 'false'
      case 'fact':
        return `(${this.value(node)} === true)`
      case 'call':
        return this.value(node)
      default:
        throw new Error(`A ${node.kind} is not a condition`)
    }
  }

  /** One rule: `rule(p[, on])`; a set: `rules(p[, on], out)` writing 1 or 0 per rule. */
  program(roots: RuleNode[], set: boolean): string {
    const bodies = roots.map((root) => this.bool(root))
    const onDeclaration = this.folded !== null ? `const on = ${this.constant(this.folded)};` : ''
    const constants = this.constants.map((_, index) => `const c${index} = C[${index}];`).join('\n')
    const cutoffs = [...this.cutoffSlots]
    // Cut-off dates are recomputed only when the date changes; a set keeps them per date too
    // (persons' breakpoints fall on some tens of thousands of distinct days).
    const cutoffDeclarations = cutoffs.length
      ? `const KC = new Map(); let lastOn = null; let ${cutoffs.map(([, slot]) => slot).join(', ')};`
      : ''
    const eager = `if (on !== lastOn) { lastOn = on; ${cutoffs.map(([years, slot]) => (this.lazyCutoffs ? `${slot} = null;` : `${slot} = H.cut(on, ${this.int(years)});`)).join(' ')} }`
    const cutoffRefresh = !cutoffs.length
      ? ''
      : !set
        ? eager
        : [
            'if (on !== lastOn) {',
            'lastOn = on;',
            'let ks = KC.get(on);',
            'if (ks === undefined) {',
            `if (KC.size >= ${MAX_CACHED_CUTOFF_DATES}) KC.clear();`,
            `ks = [${cutoffs.map(([years]) => `H.cut(on, ${this.int(years)})`).join(', ')}];`,
            'KC.set(on, ks);',
            '}',
            cutoffs.map(([, slot], index) => `${slot} = ks[${index}];`).join(' '),
            '}',
          ].join(' ')
    const locals = [
      ...[...this.memo.values()].map((slot) => `${slot} = U`),
      ...Array.from({ length: this.temps }, (_, index) => `t${index}`),
    ]
    const parameters = ['p', ...(this.folded !== null ? [] : ['on']), ...(set ? ['out'] : [])]
    // Nobody is entitled before birth or after death.
    const outside =
      '(p.deathDate !== null && p.deathDate < on) || (p.birthDate !== null && on < p.birthDate)'
    const dead = set
      ? `if (${outside}) { out.fill(0, 0, ${roots.length}); return; }`
      : `if (${outside}) return false;`
    const result = set
      ? bodies.map((body, index) => `out[${index}] = ${body} ? 1 : 0;`).join('\n')
      : `return ${bodies[0]};`
    return [
      '"use strict";',
      constants,
      onDeclaration,
      cutoffDeclarations,
      `return function ${set ? 'rules' : 'rule'}(${parameters.join(', ')}) {`,
      cutoffRefresh,
      dead,
      locals.length ? `let ${locals.join(', ')};` : '',
      result,
      '};',
    ]
      .filter((line) => line !== '')
      .join('\n')
  }
}

function lookupKey(node: RuleNode): string | null {
  switch (node.kind) {
    case 'fact':
    case 'holds':
      return `fact:${node.attribute}`
    case 'in_group':
      return `group:${node.group}`
    case 'has_identifier':
      return `identifier:${node.identifierType}`
    default:
      return null
  }
}

function children(node: RuleNode): RuleNode[] {
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

const MISSING = Symbol('missing')

function build(rules: CheckedRule[], folded: CalendarDate | null, set: boolean) {
  const roots = rules.map((rule) => rule.ast)
  const generator = new Generator(folded, roots, !set && folded === null)
  const code = generator.program(roots, set)
  const functions: Record<string, (...args: unknown[]) => unknown> = Object.create(null)
  for (const rule of rules) {
    for (const [key, fn] of Object.entries(rule.functions)) functions[key] = fn.implementation
  }
  // The code is generated from the checked tree only (see the top of this file).
  const factory = new Function('C', 'H', 'U', 'F', code) as (
    constants: unknown[],
    helpers: typeof runtime,
    missing: symbol,
    functions: Record<string, (...args: unknown[]) => unknown>
  ) => unknown
  const fn = factory(generator.constants, runtime, MISSING, functions)
  return { fn, code, generator }
}

/** The rule specialised for one evaluation date: age thresholds become constant cut-off dates. */
export function compileForDate(checked: CheckedRule, on: CalendarDate): RuleForDate {
  return build([checked], on, false).fn as RuleForDate
}

/** Several rules evaluated together; 1 or 0 per rule is written into `out`. */
export type RuleSetForDate = (person: PersonFacts, out: Uint8Array) => void
export type RuleSetForAnyDate = (person: PersonFacts, on: CalendarDate, out: Uint8Array) => void

export interface CompiledRuleSet {
  readonly rules: CheckedRule[]
  evaluate: RuleSetForAnyDate
  forDate(on: CalendarDate): RuleSetForDate
  /** Days on which any of the rules' answers may change (see CompiledRule.breakpoints). */
  breakpoints(person: PersonFacts, after: CalendarDate): CalendarDate[]
  /** The same days, each with the rules whose answer may change on it. */
  changes(person: PersonFacts, after: CalendarDate): RuleChanges
  /** Each rule on its own, for any date (what `changes` names is evaluated with these). */
  readonly single: RuleForAnyDate[]
  readonly code: string
}

/**
 * Days after a date on which some rules' answers may change, ascending and distinct; the
 * rules of day `d` are `rules[offsets[d]]` … `rules[offsets[d + 1] - 1]` (indexes in the set).
 */
export interface RuleChanges {
  days: CalendarDate[]
  offsets: number[]
  rules: number[]
}

/**
 * Compiles rules that are evaluated for the same persons (a full run over all
 * published versions): a fact, membership or identifier that several rules
 * read is looked up once per person, and only when a rule needs it.
 */
export function compileRuleSet(rules: CheckedRule[]): CompiledRuleSet {
  const { fn, code, generator } = build(rules, null, true)
  const spec = breakpointSpec(rules, generator)
  const singles = rules.map((rule) => build([rule], null, false))
  const index = new ChangeIndex(
    singles.map((single, i) => breakpointSpec([rules[i]], single.generator))
  )
  return {
    rules,
    code,
    single: singles.map((single) => single.fn as RuleForAnyDate),
    changes: (person, after) => index.collect(person, after),
    breakpoints: (person, after) => collectBreakpoints(spec, person, after),
    evaluate: fn as RuleSetForAnyDate,
    forDate: (on) => build(rules, on, true).fn as RuleSetForDate,
  }
}

/** What can change a set of rules' answer for a person. */
interface BreakpointSpec {
  attributes: string[]
  groups: string[]
  identifiers: string[]
  thresholds: number[]
  everyBirthday: boolean
  everyFact: boolean
}

function breakpointSpec(rules: CheckedRule[], generator: Generator): BreakpointSpec {
  const union = (pick: (rule: CheckedRule) => string[]) => [...new Set(rules.flatMap(pick))]
  return {
    attributes: union((rule) => rule.references.attributes),
    groups: union((rule) => rule.references.groups),
    identifiers: union((rule) => rule.references.identifiers),
    thresholds: [...generator.thresholds].sort((a, b) => a - b),
    everyBirthday: generator.everyBirthday,
    everyFact: generator.everyFact,
  }
}

/** Which rules of a set read what: the rules a change of each input may change. */
class ChangeIndex {
  readonly #all: number[]
  readonly #attributes = new Map<string, number[]>()
  readonly #groups = new Map<string, number[]>()
  readonly #identifiers = new Map<string, number[]>()
  readonly #thresholds = new Map<number, number[]>()
  readonly #everyBirthday: number[] = []
  readonly #everyFact: number[] = []
  readonly #stamp: Int32Array
  #turn = 0

  constructor(specs: BreakpointSpec[]) {
    this.#all = specs.map((_, index) => index)
    this.#stamp = new Int32Array(specs.length)
    const add = <K>(map: Map<K, number[]>, key: K, rule: number) => {
      const list = map.get(key)
      if (list) list.push(rule)
      else map.set(key, [rule])
    }
    for (const [rule, spec] of specs.entries()) {
      if (spec.everyFact) {
        this.#everyFact.push(rule)
      } else {
        for (const key of spec.attributes) add(this.#attributes, key, rule)
        for (const key of spec.groups) add(this.#groups, key, rule)
        for (const key of spec.identifiers) add(this.#identifiers, key, rule)
      }
      for (const years of spec.thresholds) add(this.#thresholds, years, rule)
      if (spec.everyBirthday) this.#everyBirthday.push(rule)
    }
  }

  readonly #days: CalendarDate[] = []
  readonly #causes: number[][] = []

  #push(day: CalendarDate, rules: number[]) {
    this.#days.push(day)
    this.#causes.push(rules)
  }

  #addPeriods(
    lists: Map<string, { from: CalendarDate; to: CalendarDate | null }[]>,
    readers: Map<string, number[]>,
    after: CalendarDate
  ) {
    const everyFact = this.#everyFact
    for (const [key, list] of lists) {
      const rules = readers.get(key)
      for (const period of list) {
        const next = period.to !== null && period.to >= after ? addDays(period.to, 1) : null
        if (rules !== undefined) {
          if (period.from > after) this.#push(period.from, rules)
          if (next !== null) this.#push(next, rules)
        }
        if (everyFact.length > 0) {
          if (period.from > after) this.#push(period.from, everyFact)
          if (next !== null) this.#push(next, everyFact)
        }
      }
    }
  }

  collect(person: PersonFacts, after: CalendarDate): RuleChanges {
    const days = this.#days
    const causes = this.#causes
    days.length = 0
    causes.length = 0
    this.#addPeriods(person.facts, this.#attributes, after)
    this.#addPeriods(person.groups, this.#groups, after)
    this.#addPeriods(person.identifiers, this.#identifiers, after)
    const birthDate = person.birthDate
    if (birthDate !== null) {
      if (birthDate > after) this.#push(birthDate, this.#all)
      const first = Number(after.slice(0, 4))
      const born = Number(birthDate.slice(0, 4))
      for (const [years, rules] of this.#thresholds) {
        if (born + years < first) continue
        const birthday = birthdayOfAge(birthDate, years)
        if (birthday > after) this.#push(birthday, rules)
      }
      if (this.#everyBirthday.length > 0) {
        for (let year = Math.max(first, born + 1); year <= born + OLDEST_AGE; year++) {
          const birthday = birthdayOfAge(birthDate, year - born)
          if (birthday > after) this.#push(birthday, this.#everyBirthday)
        }
      }
    }
    if (person.deathDate !== null && person.deathDate >= after) {
      this.#push(addDays(person.deathDate, 1), this.#all)
    }
    // Insertion sort: a person has a few dozen changes at most.
    const n = days.length
    for (let i = 1; i < n; i++) {
      const day = days[i]
      const cause = causes[i]
      let j = i - 1
      while (j >= 0 && days[j] > day) {
        days[j + 1] = days[j]
        causes[j + 1] = causes[j]
        j--
      }
      days[j + 1] = day
      causes[j + 1] = cause
    }
    const changes: RuleChanges = { days: [], offsets: [0], rules: [] }
    const stamp = this.#stamp
    for (let k = 0; k < n; k++) {
      const day = days[k]
      if (k === 0 || day !== days[k - 1]) {
        if (k > 0) changes.offsets.push(changes.rules.length)
        changes.days.push(day)
        if (++this.#turn === 0x7fffffff) {
          stamp.fill(0)
          this.#turn = 1
        }
      }
      for (const rule of causes[k]) {
        if (stamp[rule] === this.#turn) continue
        stamp[rule] = this.#turn
        changes.rules.push(rule)
      }
    }
    if (n > 0) changes.offsets.push(changes.rules.length)
    return changes
  }
}

function collectBreakpoints(
  spec: BreakpointSpec,
  person: PersonFacts,
  after: CalendarDate
): CalendarDate[] {
  const points = new Set<CalendarDate>()
  const add = (date: CalendarDate) => {
    if (date > after) points.add(date)
  }
  const addPeriods = (list: { from: CalendarDate; to: CalendarDate | null }[] | undefined) => {
    if (!list) return
    for (const period of list) {
      add(period.from)
      // the day after the last day
      if (period.to !== null && period.to >= after) points.add(addDays(period.to, 1))
    }
  }
  if (spec.everyFact) {
    for (const list of person.facts.values()) addPeriods(list)
    for (const list of person.groups.values()) addPeriods(list)
    for (const list of person.identifiers.values()) addPeriods(list)
  } else {
    for (const key of spec.attributes) addPeriods(person.facts.get(key))
    for (const key of spec.groups) addPeriods(person.groups.get(key))
    for (const key of spec.identifiers) addPeriods(person.identifiers.get(key))
  }
  if (person.birthDate !== null) {
    add(person.birthDate)
    const [first] = splitDate(after)
    const [born] = splitDate(person.birthDate)
    for (const years of spec.thresholds) {
      if (born + years >= first) add(birthdayOfAge(person.birthDate, years))
    }
    if (spec.everyBirthday) {
      for (let year = Math.max(first, born + 1); year <= born + OLDEST_AGE; year++) {
        add(birthdayOfAge(person.birthDate, year - born))
      }
    }
  }
  if (person.deathDate !== null && person.deathDate >= after) {
    points.add(addDays(person.deathDate, 1))
  }
  return [...points].sort()
}

/** Compiles a checked rule. */
export function compileRule(checked: CheckedRule): CompiledRule {
  const { fn, code, generator } = build([checked], null, false)
  const anyDate = fn as RuleForAnyDate
  const spec = breakpointSpec([checked], generator)
  const cache = new Map<CalendarDate, RuleForDate>()

  return {
    checked,
    code,
    evaluate: (person, on) => anyDate(person, on),
    forDate(on) {
      let specialised = cache.get(on)
      if (!specialised) {
        if (cache.size >= MAX_CACHED_DATES) cache.clear()
        specialised = compileForDate(checked, on)
        cache.set(on, specialised)
      }
      return specialised
    },
    breakpoints: (person, after) => collectBreakpoints(spec, person, after),
    explain: (person, on) => explainRule(checked, person, on),
  }
}
