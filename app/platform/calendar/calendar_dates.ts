/**
 * A calendar date in Europe/Riga, `YYYY-MM-DD`. Such strings compare correctly as strings, so
 * the compiled rules never build Date objects.
 */
export type CalendarDate = string

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false
  const match = DATE_PATTERN.exec(value)
  if (!match) return false
  const month = Number(match[2])
  const day = Number(match[3])
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(match[1]), month)
}

export function isLeapYear(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number) {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
}

function pad(value: number, width: number) {
  return String(value).padStart(width, '0')
}

export function formatDate(year: number, month: number, day: number): CalendarDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

export function splitDate(date: CalendarDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  // The engine's usual step, a day within the month, without a Date.
  if (days === 1 || days === -1) {
    const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48) + days
    if (day >= 1 && day <= 28) return date.slice(0, 8) + (day < 10 ? `0${day}` : String(day))
  }
  const [year, month, day] = splitDate(date)
  const moved = new Date(Date.UTC(year, month - 1, day + days))
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate())
}

/**
 * Age in full years on a date. A person born on 29 February becomes a year
 * older on 1 March in common years.
 */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = splitDate(birthDate)
  const [y, m, d] = splitDate(on)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * The latest birth date of a person who is at least `years` old on `on`:
 * `age >= years` holds exactly when `birthDate <= ageCutoff(on, years)`.
 */
export function ageCutoff(on: CalendarDate, years: number): CalendarDate {
  // String arithmetic: the engine computes this for millions of distinct days.
  const year = Number(on.slice(0, 4)) - years
  if (on.endsWith('-02-29') && !isLeapYear(year)) return `${yearText(year)}-02-28`
  return yearText(year) + on.slice(4)
}

function yearText(year: number) {
  return year >= 1000 ? String(year) : pad(year, 4)
}

/** The day a person reaches `years` of age (29 February → 1 March in common years). */
export function birthdayOfAge(birthDate: CalendarDate, years: number): CalendarDate {
  const year = Number(birthDate.slice(0, 4)) + years
  if (birthDate.endsWith('-02-29') && !isLeapYear(year)) return `${yearText(year)}-03-01`
  return yearText(year) + birthDate.slice(4)
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  const [y, m, d] = splitDate(date)
  return formatDate(y + years, m, Math.min(d, daysInMonth(y + years, m)))
}
