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
