import { addDays } from '#platform/calendar/calendar_dates'
import type { CalendarDate } from '#eligibility/main'
import type { LoadedRuleSet, VersionEntry } from '#entitlements/engine/rule_set'
import type { EnginePerson, PersonScope } from '#entitlements/engine/person_facts'
import { scopeCondition } from '#entitlements/engine/person_facts'
import type { Sql } from '#entitlements/engine/sql'

export type EntitlementSource = 'rule' | 'list' | 'manual'

/** The entitlements a run computes, column by column (they go to PostgreSQL as arrays). */
export class ComputedRows {
  personId: number[] = []
  tenantId: number[] = []
  benefitId: number[] = []
  versionId: (number | null)[] = []
  validFrom: CalendarDate[] = []
  validTo: (CalendarDate | null)[] = []
  source: EntitlementSource[] = []
  decisionId: (number | null)[] = []
  explanation: string[] = []

  get length() {
    return this.personId.length
  }

  add(
    personId: number,
    tenantId: number,
    benefitId: number,
    versionId: number | null,
    from: CalendarDate,
    to: CalendarDate | null,
    source: EntitlementSource,
    decisionId: number | null,
    explanation: string
  ) {
    this.personId.push(personId)
    this.tenantId.push(tenantId)
    this.benefitId.push(benefitId)
    this.versionId.push(versionId)
    this.validFrom.push(from)
    this.validTo.push(to)
    this.source.push(source)
    this.decisionId.push(decisionId)
    this.explanation.push(explanation)
  }

  copyFrom(other: ComputedRows, index: number) {
    this.add(
      other.personId[index],
      other.tenantId[index],
      other.benefitId[index],
      other.versionId[index],
      other.validFrom[index],
      other.validTo[index],
      other.source[index],
      other.decisionId[index],
      other.explanation[index]
    )
  }
}

export interface Decision {
  id: number
  tenantId: number
  personId: number
  benefitId: number
  kind: 'grant' | 'revoke'
  from: CalendarDate
  to: CalendarDate | null
}

/** Manual decisions in force for the persons in scope. */
export async function loadDecisions(sql: Sql, scope: PersonScope) {
  const where = scopeCondition('person_id', scope, 1)
  const result = await sql.query<[string, number, string, number, string, string, string | null]>({
    text: `SELECT id, tenant_id, person_id, benefit_id, kind, valid_from::text, valid_to::text
             FROM entitlement_decisions WHERE ${where.text} AND withdrawn_at IS NULL ORDER BY id`,
    values: where.values,
    rowMode: 'array',
  })
  const byPerson = new Map<number, Decision[]>()
  for (const [id, tenantId, personId, benefitId, kind, from, to] of result.rows) {
    const decision: Decision = {
      id: Number(id),
      tenantId,
      personId: Number(personId),
      benefitId,
      kind: kind as Decision['kind'],
      from,
      to,
    }
    const list = byPerson.get(decision.personId)
    if (list) list.push(decision)
    else byPerson.set(decision.personId, [decision])
  }
  return byPerson
}

/** Days from `from` to `to` inclusive; `to` null = nothing known ends it. */
interface OpenInterval {
  from: CalendarDate
  to: CalendarDate | null
}

/** The parts of intervals outside a revoked period (`to` null = for ever). */
function subtract(
  intervals: OpenInterval[],
  from: CalendarDate,
  to: CalendarDate | null
): OpenInterval[] {
  const out: OpenInterval[] = []
  for (const interval of intervals) {
    if ((to !== null && to < interval.from) || (interval.to !== null && from > interval.to)) {
      out.push(interval)
      continue
    }
    if (from > interval.from) out.push({ from: interval.from, to: addDays(from, -1) })
    if (to !== null && (interval.to === null || to < interval.to)) {
      out.push({ from: addDays(to, 1), to: interval.to })
    }
  }
  return out
}

function overlaps(
  list: { from: CalendarDate; to: CalendarDate | null }[] | undefined,
  from: CalendarDate,
  to: CalendarDate | null
) {
  if (!list) return false
  for (const period of list) {
    if ((to === null || period.from <= to) && (period.to === null || period.to >= from)) return true
  }
  return false
}

/**
 * The facts behind an entitlement, as stored with it (its version is the row's `version_id`):
 * the ids of the register facts the rule reads that overlap the period, and the list groups
 * whose membership counted. The per-condition explanation is recomputed on demand from these.
 * Built as a string, and kept short: a full run writes millions of them.
 */
function explanationOf(
  entry: VersionEntry,
  person: EnginePerson,
  from: CalendarDate,
  to: CalendarDate | null
) {
  let facts = ''
  for (const attribute of entry.checked.references.attributes) {
    const list = person.facts.facts.get(attribute)
    if (list === undefined) continue
    const ids = person.factIds.get(attribute)!
    for (const [i, fact] of list.entries()) {
      if ((to === null || fact.from <= to) && (fact.to === null || fact.to >= from)) {
        facts = facts === '' ? String(ids[i]) : `${facts},${ids[i]}`
      }
    }
  }
  let groups = ''
  for (const key of entry.listGroups) {
    if (overlaps(person.facts.groups.get(key), from, to)) {
      const local = JSON.stringify(key.slice(key.indexOf(':') + 1))
      groups = groups === '' ? local : `${groups},${local}`
    }
  }
  return `{"facts":[${facts}],"groups":[${groups}]}`
}

const SOURCE_CODE: Record<EntitlementSource, number> = { rule: 1, list: 2, manual: 3 }

/** `YYYY-MM-DD` as the integer YYYYMMDD (dates are always well formed here). */
function dateNumber(date: CalendarDate): number {
  return (
    (date.charCodeAt(0) - 48) * 10_000_000 +
    (date.charCodeAt(1) - 48) * 1_000_000 +
    (date.charCodeAt(2) - 48) * 100_000 +
    (date.charCodeAt(3) - 48) * 10_000 +
    (date.charCodeAt(5) - 48) * 1000 +
    (date.charCodeAt(6) - 48) * 100 +
    (date.charCodeAt(8) - 48) * 10 +
    (date.charCodeAt(9) - 48)
  )
}

function mix(h: number, value: number): number {
  h = Math.imul(h ^ value, 0x5bd1e995)
  return h ^ (h >>> 15)
}

function finish(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** The signature of a person with no entitlement. */
export const EMPTY_SIGNATURE = 0

/**
 * Evaluates one person at a time into reused scratch columns, so a run over millions of
 * persons allocates little besides the rows it keeps. Besides the rows, it answers a
 * signature of them (see `signature`) that lets a run skip a person whose stored
 * entitlements already are what it computed.
 */
export class PersonEvaluator {
  /** The rows of the last person evaluated, column-wise; `count` of them are valid. */
  count = 0
  readonly #entry: number[] = []
  readonly #from: CalendarDate[] = []
  readonly #to: (CalendarDate | null)[] = []
  readonly #source: EntitlementSource[] = []
  readonly #decision: (Decision | null)[] = []
  readonly #scratch: Uint8Array
  readonly #openFrom: (CalendarDate | null)[]
  #person: EnginePerson | null = null

  constructor(readonly ruleSet: LoadedRuleSet) {
    this.#scratch = new Uint8Array(ruleSet.entries.length)
    this.#openFrom = new Array(ruleSet.entries.length).fill(null)
  }

  #push(
    entry: number,
    from: CalendarDate,
    to: CalendarDate | null,
    source: EntitlementSource,
    decision: Decision | null
  ) {
    const n = this.count++
    this.#entry[n] = entry
    this.#from[n] = from
    this.#to[n] = to
    this.#source[n] = source
    this.#decision[n] = decision
  }

  #emit(
    person: EnginePerson,
    index: number,
    intervalFrom: CalendarDate,
    intervalTo: CalendarDate | null,
    personDecisions: Decision[] | undefined
  ) {
    const entry = this.ruleSet.entries[index]
    const from = intervalFrom < entry.effectiveFrom ? entry.effectiveFrom : intervalFrom
    const to =
      entry.effectiveTo !== null && (intervalTo === null || entry.effectiveTo < intervalTo)
        ? entry.effectiveTo
        : intervalTo
    if (to !== null && from > to) return
    let intervals: OpenInterval[] | null = null
    if (personDecisions !== undefined) {
      for (const decision of personDecisions) {
        if (decision.kind === 'revoke' && decision.benefitId === entry.benefitId) {
          intervals = subtract(intervals ?? [{ from, to }], decision.from, decision.to)
        }
      }
    }
    if (intervals === null) {
      this.#emitInterval(person, index, from, to)
    } else {
      for (const interval of intervals)
        this.#emitInterval(person, index, interval.from, interval.to)
    }
  }

  #emitInterval(person: EnginePerson, index: number, from: CalendarDate, to: CalendarDate | null) {
    const entry = this.ruleSet.entries[index]
    let source: EntitlementSource = 'rule'
    for (const key of entry.listGroups) {
      if (overlaps(person.facts.groups.get(key), from, to)) source = 'list'
    }
    this.#push(index, from, to, source, null)
  }

  /**
   * Evaluates the person over all time, time-exact: every rule on the first day any version
   * is in effect, then each rule again on each day after it on which something it reads
   * changes (its breakpoints), clips each version's periods to its effective period and
   * applies manual revocations and grants. The breakpoints are finite, so past the last one the answer holds
   * for ever: a period still running there is open (`valid_to` NULL) unless its version ends.
   */
  evaluate(person: EnginePerson, personDecisions: Decision[] | undefined) {
    const { entries, compiled, start } = this.ruleSet
    const ruleCount = entries.length
    const scratch = this.#scratch
    const openFrom = this.#openFrom
    this.count = 0
    this.#person = person
    if (ruleCount > 0) {
      const facts = person.facts
      compiled.evaluate(facts, start, scratch)
      for (let rule = 0; rule < ruleCount; rule++) {
        if (scratch[rule] === 1) openFrom[rule] = start
      }
      // Afterwards only the rules whose inputs change on a day are evaluated on it.
      const { days, offsets, rules } = compiled.changes(facts, start)
      const single = compiled.single
      for (const [d, point] of days.entries()) {
        let dayBefore: CalendarDate | null = null
        for (let k = offsets[d]; k < offsets[d + 1]; k++) {
          const rule = rules[k]
          const open = openFrom[rule]
          if (single[rule](facts, point)) {
            if (open === null) openFrom[rule] = point
          } else if (open !== null) {
            if (dayBefore === null) dayBefore = addDays(point, -1)
            this.#emit(person, rule, open, dayBefore, personDecisions)
            openFrom[rule] = null
          }
        }
      }
      for (let rule = 0; rule < ruleCount; rule++) {
        const open = openFrom[rule]
        if (open !== null) {
          this.#emit(person, rule, open, null, personDecisions)
          openFrom[rule] = null
        }
      }
    }
    if (personDecisions) {
      for (const decision of personDecisions) {
        if (decision.kind !== 'grant') continue
        this.#push(-1, decision.from, decision.to, 'manual', decision)
      }
    }
  }

  #grantVersion(decision: Decision): VersionEntry | undefined {
    return this.ruleSet.entries.find(
      (entry) =>
        entry.benefitId === decision.benefitId &&
        entry.effectiveFrom <= decision.from &&
        (entry.effectiveTo === null || entry.effectiveTo >= decision.from)
    )
  }

  /**
   * A hash of the last person's rows as the diff compares them (everything but the
   * explanation), independent of their order. A safe integer (53 bits).
   */
  signature(): number {
    const n = this.count
    if (n === 0) return EMPTY_SIGNATURE
    const entries = this.ruleSet.entries
    let a = 0
    let b = 0
    for (let i = 0; i < n; i++) {
      const index = this.#entry[i]
      let tenantId: number
      let benefitId: number
      let versionId: number
      let decisionId = 0
      if (index >= 0) {
        const entry = entries[index]
        tenantId = entry.tenantId
        benefitId = entry.benefitId
        versionId = entry.versionId
      } else {
        const decision = this.#decision[i]!
        tenantId = decision.tenantId
        benefitId = decision.benefitId
        versionId = this.#grantVersion(decision)?.versionId ?? 0
        decisionId = decision.id
      }
      const to = this.#to[i]
      const fromNumber = dateNumber(this.#from[i])
      const toNumber = to === null ? 0 : dateNumber(to)
      let h = 0x9747b28c
      h = mix(h, tenantId)
      h = mix(h, benefitId)
      h = mix(h, versionId)
      h = mix(h, fromNumber)
      h = mix(h, toNumber)
      h = mix(h, SOURCE_CODE[this.#source[i]])
      h = mix(h, decisionId)
      let g = mix(0x1b873593, h)
      g = mix(g, decisionId ^ 0x5a5a5a5a)
      a = (a + finish(h)) >>> 0
      b = (b + finish(g)) >>> 0
    }
    b = finish(mix(b, n)) & 0x1fffff
    const signature = b * 0x1_0000_0000 + a
    return signature === EMPTY_SIGNATURE ? 1 : signature
  }

  /** Appends the last person's rows, with their explanations, to `rows`. */
  appendTo(rows: ComputedRows) {
    const person = this.#person!
    const entries = this.ruleSet.entries
    for (let i = 0; i < this.count; i++) {
      const index = this.#entry[i]
      if (index >= 0) {
        const entry = entries[index]
        rows.add(
          person.id,
          entry.tenantId,
          entry.benefitId,
          entry.versionId,
          this.#from[i],
          this.#to[i],
          this.#source[i],
          null,
          explanationOf(entry, person, this.#from[i], this.#to[i])
        )
      } else {
        const decision = this.#decision[i]!
        const version = this.#grantVersion(decision)
        rows.add(
          person.id,
          decision.tenantId,
          decision.benefitId,
          version?.versionId ?? null,
          decision.from,
          decision.to,
          'manual',
          decision.id,
          `{"decisionId":${decision.id},"version":${version?.version ?? null}}`
        )
      }
    }
  }
}

/**
 * Evaluates the rule set for each person (see PersonEvaluator.evaluate) and returns the rows
 * to store, person by person in the persons' order.
 */
export function evaluatePersons(
  ruleSet: LoadedRuleSet,
  persons: EnginePerson[],
  decisions: Map<number, Decision[]>,
  rows = new ComputedRows()
): ComputedRows {
  const evaluator = new PersonEvaluator(ruleSet)
  for (const person of persons) {
    evaluator.evaluate(person, decisions.get(person.id))
    evaluator.appendTo(rows)
  }
  return rows
}
