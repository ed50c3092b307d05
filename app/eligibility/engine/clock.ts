import { daysInMonth, formatDate, splitDate } from '#eligibility/rule_language/dates'
import type { CalendarDate } from '#eligibility/rule_language/types'

const RIGA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

let frozen: CalendarDate | null = null

/**
 * Today's calendar date in Europe/Riga: the day a read means when it names none. Stored
 * entitlement dates never depend on it (tests fix it with `freezeToday` to show that).
 */
export function todayInRiga(now = new Date()): CalendarDate {
  return frozen ?? RIGA.format(now)
}

/** Makes `todayInRiga` answer the date, or the real clock again with null. For tests. */
export function freezeToday(date: CalendarDate | null) {
  frozen = date
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = splitDate(date)
  return formatDate(y + years, m, Math.min(d, daysInMonth(y + years, m)))
}
