import { addDays } from '#platform/calendar/calendar_dates'
import type { CompiledRule, CompiledRuleSet } from './compile_rule.js'
import type { DateInterval, DateWindow, PersonFacts } from './types.js'

/** The breakpoints of a window after its first day, up to its last day. */
function within(points: string[], window: DateWindow) {
  let end = points.length
  while (end > 0 && points[end - 1] > window.to) end--
  return end === points.length ? points : points.slice(0, end)
}

/**
 * The periods within the window on which the rule holds for the person,
 * as inclusive `{ from, to }` intervals (`to` is the last entitled day, as
 * for register facts). The rule is evaluated on the first day of the window
 * and on each breakpoint, where something it reads may change; between two
 * breakpoints the answer cannot change. Adjacent entitled days are merged,
 * so a person entitled throughout has a single interval.
 */
export function evaluatePeriods(
  compiled: CompiledRule,
  person: PersonFacts,
  window: DateWindow
): DateInterval[] {
  if (window.to < window.from) return []
  const points = [window.from, ...within(compiled.breakpoints(person, window.from), window)]
  const periods: DateInterval[] = []
  let openFrom: string | null = null
  for (const point of points) {
    const holds = compiled.evaluate(person, point)
    if (holds && openFrom === null) openFrom = point
    if (!holds && openFrom !== null) {
      periods.push({ from: openFrom, to: addDays(point, -1) })
      openFrom = null
    }
  }
  if (openFrom !== null) periods.push({ from: openFrom, to: window.to })
  return periods
}

/**
 * The same for a set of rules, evaluated together at the union of their
 * breakpoints: one list of periods per rule, in the set's order.
 */
export function evaluateSetPeriods(
  set: CompiledRuleSet,
  person: PersonFacts,
  window: DateWindow,
  scratch: Uint8Array = new Uint8Array(set.rules.length)
): DateInterval[][] {
  const count = set.rules.length
  const periods: DateInterval[][] = Array.from({ length: count }, () => [])
  if (window.to < window.from) return periods
  const points = [window.from, ...within(set.breakpoints(person, window.from), window)]
  const openFrom: (string | null)[] = new Array(count).fill(null)
  for (const point of points) {
    set.evaluate(person, point, scratch)
    for (let rule = 0; rule < count; rule++) {
      const holds = scratch[rule] === 1
      const open = openFrom[rule]
      if (holds && open === null) openFrom[rule] = point
      if (!holds && open !== null) {
        periods[rule].push({ from: open, to: addDays(point, -1) })
        openFrom[rule] = null
      }
    }
  }
  for (let rule = 0; rule < count; rule++) {
    const open = openFrom[rule]
    if (open !== null) periods[rule].push({ from: open, to: window.to })
  }
  return periods
}
