/**
 * Column options shared by the catalogue models.
 *
 * Calendar dates stay plain `YYYY-MM-DD` strings (dates are Europe/Riga
 * calendar days, never instants); pg hands back a Date at local midnight,
 * so read its local parts. JSON arrays must be serialised by hand: pg would
 * send a JS array as a PostgreSQL array literal, not as jsonb.
 */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
  }
  return String(value).slice(0, 10)
}

export const dateColumn = { consume: toIsoDate, prepare: (value: string | null) => value }

export const jsonColumn = {
  prepare: (value: unknown) => (value === undefined ? value : JSON.stringify(value)),
}

/** bigint columns come back as strings. */
export const bigintColumn = {
  consume: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
}

/** Today's calendar date in Riga. */
export function todayInRiga(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date())
}

/** The calendar day before `date` (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}
