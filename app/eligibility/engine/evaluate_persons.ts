import { addDays } from '#eligibility/rule_language/dates'
import type { CalendarDate, DateInterval, Horizon } from '#eligibility/rule_language/types'
import type { LoadedRuleSet, VersionEntry } from '#eligibility/engine/rule_set'
import type { EnginePerson, PersonScope } from '#eligibility/engine/person_facts'
import { scopeCondition } from '#eligibility/engine/person_facts'
import type { Sql } from '#eligibility/engine/sql'

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

/** The parts of an interval outside a revoked period (`to` null = for ever). */
function subtract(
  intervals: DateInterval[],
  from: CalendarDate,
  to: CalendarDate | null
): DateInterval[] {
  const out: DateInterval[] = []
  for (const interval of intervals) {
    if ((to !== null && to < interval.from) || from > interval.to) {
      out.push(interval)
      continue
    }
    if (from > interval.from) out.push({ from: interval.from, to: addDays(from, -1) })
    if (to !== null && to < interval.to) out.push({ from: addDays(to, 1), to: interval.to })
  }
  return out
}

function overlaps(
  list: { from: CalendarDate; to: CalendarDate | null }[] | undefined,
  from: CalendarDate,
  to: CalendarDate
) {
  if (!list) return false
  for (const period of list) {
    if (period.from <= to && (period.to === null || period.to >= from)) return true
  }
  return false
}

/**
 * The facts and version behind an entitlement, as stored with it: the version and the ids of
 * the register facts the rule reads that overlap the period, and the list groups whose
 * membership counted. The per-condition explanation is recomputed on demand from these.
 * Built as a string: a full run writes millions of them.
 */
function explanationOf(
  entry: VersionEntry,
  person: EnginePerson,
  from: CalendarDate,
  to: CalendarDate
) {
  let facts = ''
  for (const attribute of entry.checked.references.attributes) {
    const list = person.facts.facts.get(attribute)
    if (list === undefined) continue
    const ids = person.factIds.get(attribute)!
    for (const [i, fact] of list.entries()) {
      if (fact.from <= to && (fact.to === null || fact.to >= from)) {
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
  return `{"version":${entry.version},"versionId":${entry.versionId},"facts":[${facts}],"groups":[${groups}]}`
}

/**
 * Evaluates the rule set for each person over the horizon, time-exact: on the first day and
 * at each breakpoint (as evaluateSetPeriods does, without building per-rule lists), clips each
 * version's periods to its effective period, applies manual revocations and grants, and
 * returns the rows to store, person by person in the persons' order. A period that reaches
 * the horizon's end is open (`valid_to` NULL): nothing known ends it.
 */
export function evaluatePersons(
  ruleSet: LoadedRuleSet,
  persons: EnginePerson[],
  horizon: Horizon,
  decisions: Map<number, Decision[]>,
  rows = new ComputedRows()
): ComputedRows {
  const { entries, compiled } = ruleSet
  const count = entries.length
  const scratch = new Uint8Array(count)
  const openFrom: (CalendarDate | null)[] = new Array(count).fill(null)

  const emit = (
    person: EnginePerson,
    index: number,
    intervalFrom: CalendarDate,
    intervalTo: CalendarDate,
    personDecisions: Decision[] | undefined
  ) => {
    const entry = entries[index]
    const from = intervalFrom < entry.effectiveFrom ? entry.effectiveFrom : intervalFrom
    const to =
      entry.effectiveTo !== null && entry.effectiveTo < intervalTo ? entry.effectiveTo : intervalTo
    if (from > to) return
    let intervals: DateInterval[] = [{ from, to }]
    if (personDecisions !== undefined) {
      for (const decision of personDecisions) {
        if (decision.kind === 'revoke' && decision.benefitId === entry.benefitId) {
          intervals = subtract(intervals, decision.from, decision.to)
        }
      }
    }
    for (const interval of intervals) {
      const open =
        interval.to === horizon.to && (entry.effectiveTo === null || entry.effectiveTo > horizon.to)
      let source: EntitlementSource = 'rule'
      for (const key of entry.listGroups) {
        if (overlaps(person.facts.groups.get(key), interval.from, interval.to)) source = 'list'
      }
      rows.add(
        person.id,
        entry.tenantId,
        entry.benefitId,
        entry.versionId,
        interval.from,
        open ? null : interval.to,
        source,
        null,
        explanationOf(entry, person, interval.from, interval.to)
      )
    }
  }

  for (const person of persons) {
    const personDecisions = decisions.get(person.id)
    if (count > 0) {
      const breakpoints = compiled.breakpoints(person.facts, horizon)
      for (let p = -1; p < breakpoints.length; p++) {
        const point = p < 0 ? horizon.from : breakpoints[p]
        compiled.evaluate(person.facts, point, scratch)
        for (let rule = 0; rule < count; rule++) {
          const open = openFrom[rule]
          if (scratch[rule] === 1) {
            if (open === null) openFrom[rule] = point
          } else if (open !== null) {
            emit(person, rule, open, addDays(point, -1), personDecisions)
            openFrom[rule] = null
          }
        }
      }
      for (let rule = 0; rule < count; rule++) {
        const open = openFrom[rule]
        if (open !== null) {
          emit(person, rule, open, horizon.to, personDecisions)
          openFrom[rule] = null
        }
      }
    }
    if (personDecisions) {
      for (const decision of personDecisions) {
        if (decision.kind !== 'grant') continue
        const version = entries.find(
          (entry) =>
            entry.benefitId === decision.benefitId &&
            entry.effectiveFrom <= decision.from &&
            (entry.effectiveTo === null || entry.effectiveTo >= decision.from)
        )
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
  return rows
}
