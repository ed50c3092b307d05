import { daysInMonth, formatDate, splitDate } from '#eligibility/rule_language/dates'
import type { CalendarDate, Horizon } from '#eligibility/rule_language/types'

const RIGA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today's calendar date in Europe/Riga. */
export function todayInRiga(now = new Date()): CalendarDate {
  return RIGA.format(now)
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = splitDate(date)
  return formatDate(y + years, m, Math.min(d, daysInMonth(y + years, m)))
}

/** The evaluation horizon: a year back and a year ahead of the day. */
export function horizonAround(today: CalendarDate = todayInRiga()): Horizon {
  return { from: addYears(today, -1), to: addYears(today, 1) }
}
