/**
 * Calendar days as small integers for the index's typed arrays: days since 1970-01-01, held in a
 * Uint16 (up to the year 2149). OPEN marks an open end ("no last day").
 */
export const OPEN = 0xffff
const MS_PER_DAY = 86_400_000

/** `YYYY-MM-DD` → day number. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY)
}

/** A nullable last day (a `date` column) → day number or OPEN. */
export function lastDayNumber(date: string | null): number {
  return date === null ? OPEN : Math.min(dayNumber(date), OPEN - 1)
}

/** A first day → day number (before 1970 counts as day 0: nothing earlier is asked). */
export function firstDayNumber(date: string): number {
  return Math.max(0, dayNumber(date))
}
