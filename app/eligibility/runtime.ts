import { ageCutoff, ageOn } from '#platform/calendar/calendar_dates'
import type { CalendarDate, FactPeriod, FactValue, Period, PersonFacts } from './types.js'

/*
 * The few helpers compiled rules call. A person's facts of one attribute are
 * few (usually one or two periods), so a linear scan beats any index.
 */

/** The fact of a list that holds on a date; when periods overlap, the one that started last. */
export function factOn(list: FactPeriod[] | undefined, on: CalendarDate): FactPeriod | undefined {
  if (list === undefined) return undefined
  let found: FactPeriod | undefined
  for (const fact of list) {
    if (fact.from <= on && (fact.to === null || on <= fact.to)) {
      if (found === undefined || fact.from >= found.from) found = fact
    }
  }
  return found
}

/** The value of the fact that holds on a date, or undefined. */
export function valueOn(list: FactPeriod[] | undefined, on: CalendarDate): FactValue | undefined {
  if (list === undefined) return undefined
  if (list.length === 1) {
    // the usual case: one fact of the attribute
    const fact = list[0]
    return fact.from <= on && (fact.to === null || on <= fact.to) ? fact.value : undefined
  }
  let value: FactValue | undefined
  let from = ''
  for (const fact of list) {
    if (fact.from <= on && (fact.to === null || on <= fact.to) && fact.from >= from) {
      value = fact.value
      from = fact.from
    }
  }
  return value
}

export function periodOn(list: Period[] | undefined, on: CalendarDate): Period | undefined {
  if (list === undefined) return undefined
  for (const period of list) {
    if (period.from <= on && (period.to === null || on <= period.to)) return period
  }
  return undefined
}

export function during(list: Period[] | undefined, on: CalendarDate): boolean {
  if (list === undefined) return false
  for (const period of list) {
    if (period.from <= on && (period.to === null || on <= period.to)) return true
  }
  return false
}

export function age(birthDate: CalendarDate | null, on: CalendarDate): number | undefined {
  return birthDate === null ? undefined : ageOn(birthDate, on)
}

/** A plugin function's answer, with null and undefined both meaning "no value". */
export function normalise(value: unknown): FactValue | undefined {
  return value === null || value === undefined ? undefined : (value as FactValue)
}

/** What a plugin function receives after its declared arguments. */
export interface RuleCallContext {
  person: PersonFacts
  on: CalendarDate
}

export const runtime = {
  valueOn,
  during,
  age,
  cut: ageCutoff,
  normalise,
}

export type Runtime = typeof runtime
