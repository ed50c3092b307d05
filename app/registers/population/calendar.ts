/**
 * Calendar days as integers (days since 1970-01-01) with cached ISO strings: the generator
 * formats millions of dates and Date objects would dominate its run time.
 */
const MIN_YEAR = 1870
const MAX_YEAR = 2100
const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / 86_400_000
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / 86_400_000

let isoCache: string[] | undefined
let yearCache: Int16Array | undefined
let monthCache: Uint8Array | undefined
let dateCache: Uint8Array | undefined

function build() {
  const size = MAX_DAY - MIN_DAY + 1
  isoCache = new Array(size)
  yearCache = new Int16Array(size)
  monthCache = new Uint8Array(size)
  dateCache = new Uint8Array(size)
  const d = new Date(Date.UTC(MIN_YEAR, 0, 1))
  for (let i = 0; i < size; i++) {
    isoCache[i] = d.toISOString().slice(0, 10)
    yearCache[i] = d.getUTCFullYear()
    monthCache[i] = d.getUTCMonth() + 1
    dateCache[i] = d.getUTCDate()
    d.setUTCDate(d.getUTCDate() + 1)
  }
}

function index(day: number): number {
  if (!isoCache) build()
  if (day < MIN_DAY || day > MAX_DAY)
    throw new RangeError(`Day ${day} outside ${MIN_YEAR}–${MAX_YEAR}`)
  return day - MIN_DAY
}

export function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / 86_400_000
}

export function dayFromIso(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${iso}`)
  const day = dayOf(Number(match[1]), Number(match[2]), Number(match[3]))
  if (isoOf(day) !== iso) throw new RangeError(`Not a calendar date: ${iso}`)
  return day
}

export function isoOf(day: number): string {
  const i = index(day)
  return isoCache![i]
}

export function yearOf(day: number): number {
  const i = index(day)
  return yearCache![i]
}

export function monthOf(day: number): number {
  const i = index(day)
  return monthCache![i]
}

export function dateOf(day: number): number {
  const i = index(day)
  return dateCache![i]
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(day: number, years: number): number {
  const i = index(day)
  const year = yearCache![i] + years
  const month = monthCache![i]
  let date = dateCache![i]
  if (month === 2 && date === 29 && dayOf(year, 3, 1) - dayOf(year, 2, 1) === 28) date = 28
  return dayOf(year, month, date)
}
