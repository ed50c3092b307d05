import { dayNumber } from '#decisions/index/days'

/** When a service is used, as the applicability checks read it (local time in Riga). */
export interface Moment {
  /** Local calendar date, YYYY-MM-DD. */
  date: string
  /** Days since 1970-01-01 (see days.ts). */
  day: number
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Month × 100 + day of month (18 November → 1118). */
  monthDay: number
  /** Minutes since local midnight. */
  minute: number
}

const RIGA = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Riga',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** The moment in Riga of an instant. */
export function momentOf(instant: Date): Moment {
  const part: Record<string, string> = {}
  for (const p of RIGA.formatToParts(instant)) part[p.type] = p.value
  const date = `${part.year}-${part.month}-${part.day}`
  const day = dayNumber(date)
  // 1970-01-01 was a Thursday (ISO 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1
  return {
    date,
    day,
    weekday,
    monthDay: Number(part.month) * 100 + Number(part.day),
    minute: Number(part.hour) * 60 + Number(part.minute),
  }
}
