import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { type CompiledRule, compileRule } from './compile_rule.js'
import type {
  AttributeDefinition,
  CalendarDate,
  CheckedRule,
  ExplainNode,
  FactPeriod,
  FactValue,
  Period,
  PersonFacts,
} from './types.js'

/*
 * Rule scenarios, OpenFisca style: persons with facts, a date and the
 * expected answer, readable by policy staff. The format is plain data
 * (JSON, or YAML with the same shape):
 *
 *   - name: Senior declared in Riga
 *     date: 2026-03-01
 *     persons:
 *       - name: Anna, 65 today
 *         birthDate: 1961-03-01
 *         facts:
 *           - { attribute: residence.municipality, value: Rīga, from: 1990-01-01 }
 *         groups: [riga_pupils]              # or { key, from, to }
 *         identifiers: [etalons]             # or { type, from, to }
 *         expected: true
 *
 * A fact, membership or identifier without `from` holds since ever, without
 * `to` for ever; `to` is the last day it holds.
 */

export interface ScenarioFact {
  attribute: string
  value: FactValue
  from?: CalendarDate
  to?: CalendarDate | null
  source?: string
}

export type ScenarioMembership =
  string | { key: string; from?: CalendarDate; to?: CalendarDate | null }
export type ScenarioIdentifier =
  string | { type: string; from?: CalendarDate; to?: CalendarDate | null }

export interface ScenarioPerson {
  name: string
  birthDate?: CalendarDate | null
  deathDate?: CalendarDate | null
  facts?: ScenarioFact[]
  groups?: ScenarioMembership[]
  identifiers?: ScenarioIdentifier[]
  expected: boolean
}

export interface RuleScenario {
  name: string
  date: CalendarDate
  persons: ScenarioPerson[]
}

export interface ScenarioPersonResult {
  name: string
  expected: boolean
  /** null when the scenario data is invalid (see `error`). */
  actual: boolean | null
  passed: boolean
  explanation?: ExplainNode
  error?: string
}

export interface ScenarioResult {
  name: string
  date: CalendarDate
  passed: boolean
  persons: ScenarioPersonResult[]
  error?: string
}

export interface ScenarioReport {
  passed: boolean
  total: number
  failed: number
  scenarios: ScenarioResult[]
}

const SINCE_EVER = '0001-01-01'

export class ScenarioDataError extends Error {}

/** A raw value (as typed in a scenario or a register file) typed by its attribute. */
export function typedFactValue(
  attribute: AttributeDefinition | undefined,
  raw: unknown
): FactValue | undefined {
  if (raw === null || raw === undefined) return undefined
  switch (attribute?.type) {
    case 'boolean':
      if (raw === true || raw === 'true') return true
      if (raw === false || raw === 'false') return false
      return undefined
    case 'integer': {
      const number =
        typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw)) ? Number(raw) : Number.NaN
      return Number.isSafeInteger(number) ? number : undefined
    }
    case 'date':
      return isCalendarDate(raw) ? raw : undefined
    case 'enum':
      return attribute.values?.includes(String(raw)) ? String(raw) : undefined
    default:
      return typeof raw === 'object' ? undefined : String(raw)
  }
}

function optionalDate(value: unknown, what: string): CalendarDate | null {
  if (value === undefined || value === null) return null
  if (!isCalendarDate(value))
    throw new ScenarioDataError(`${what}: "${String(value)}" is not a date YYYY-MM-DD`)
  return value
}

function period(
  from: unknown,
  to: unknown,
  what: string
): { from: CalendarDate; to: CalendarDate | null } {
  return {
    from: optionalDate(from, `${what} from`) ?? SINCE_EVER,
    to: optionalDate(to, `${what} to`),
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The PersonFacts of a scenario person; throws ScenarioDataError on invalid data. */
export function scenarioPersonFacts(
  person: ScenarioPerson,
  attributes: Record<string, AttributeDefinition>
): PersonFacts {
  const facts = new Map<string, FactPeriod[]>()
  for (const fact of person.facts ?? []) {
    const what = `fact ${fact.attribute}`
    const value = typedFactValue(attributes[fact.attribute], fact.value)
    if (value === undefined) {
      throw new ScenarioDataError(`${what}: ${JSON.stringify(fact.value)} is not a valid value`)
    }
    pushTo(facts, fact.attribute, {
      value,
      ...period(fact.from, fact.to, what),
      ...(fact.source !== undefined ? { source: fact.source } : {}),
    })
  }
  const groups = new Map<string, Period[]>()
  for (const membership of person.groups ?? []) {
    if (typeof membership === 'string') pushTo(groups, membership, { from: SINCE_EVER, to: null })
    else
      pushTo(
        groups,
        membership.key,
        period(membership.from, membership.to, `group ${membership.key}`)
      )
  }
  const identifiers = new Map<string, Period[]>()
  for (const identifier of person.identifiers ?? []) {
    if (typeof identifier === 'string') {
      pushTo(identifiers, identifier, { from: SINCE_EVER, to: null })
    } else {
      pushTo(
        identifiers,
        identifier.type,
        period(identifier.from, identifier.to, `identifier ${identifier.type}`)
      )
    }
  }
  return {
    birthDate: optionalDate(person.birthDate, 'birthDate'),
    deathDate: optionalDate(person.deathDate, 'deathDate'),
    facts,
    groups,
    identifiers,
  }
}

/** Runs scenarios through the compiled rule; each person gets pass/fail and the explanation. */
export function runScenarios(
  rule: CheckedRule | CompiledRule,
  scenarios: RuleScenario[]
): ScenarioReport {
  const compiled = 'evaluate' in rule ? rule : compileRule(rule)
  const attributes = compiled.checked.attributes
  let total = 0
  let failed = 0
  const results = scenarios.map((scenario): ScenarioResult => {
    if (!isCalendarDate(scenario.date)) {
      const persons = scenario.persons.map((person) => ({
        name: person.name,
        expected: person.expected,
        actual: null,
        passed: false,
      }))
      total += persons.length
      failed += persons.length
      return {
        name: scenario.name,
        date: scenario.date,
        passed: false,
        persons,
        error: `date: "${String(scenario.date)}" is not a date YYYY-MM-DD`,
      }
    }
    const persons = scenario.persons.map((person): ScenarioPersonResult => {
      total++
      try {
        const facts = scenarioPersonFacts(person, attributes)
        const actual = compiled.evaluate(facts, scenario.date)
        const passed = actual === person.expected
        if (!passed) failed++
        return {
          name: person.name,
          expected: person.expected,
          actual,
          passed,
          explanation: compiled.explain(facts, scenario.date),
        }
      } catch (error) {
        if (!(error instanceof ScenarioDataError)) throw error
        failed++
        return {
          name: person.name,
          expected: person.expected,
          actual: null,
          passed: false,
          error: error.message,
        }
      }
    })
    return {
      name: scenario.name,
      date: scenario.date,
      passed: persons.every((person) => person.passed),
      persons,
    }
  })
  return { passed: failed === 0, total, failed, scenarios: results }
}
