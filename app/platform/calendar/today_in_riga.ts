import type { CalendarDate } from '#platform/calendar/calendar_dates'

const RIGA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

let frozen: CalendarDate | null = null

/** The calendar date in Europe/Riga of an instant. */
export function rigaDayOf(instant: Date): CalendarDate {
  return RIGA_DAY.format(instant)
}

/**
 * Today's calendar date in Europe/Riga: the day a read means when it names none. Stored
 * entitlement dates never depend on it (tests fix it with `freezeToday` to show that).
 */
export function todayInRiga(now = new Date()): CalendarDate {
  return frozen ?? rigaDayOf(now)
}

/** Makes `todayInRiga` answer the date, or the real clock again with null. For tests. */
export function freezeToday(date: CalendarDate | null) {
  frozen = date
}
