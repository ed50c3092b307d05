/**
 * Latvian personal codes (personas kods).
 *
 * - Old format `DDMMYY-CNNNX`: birth date, century digit (0 = 1800s, 1 = 1900s, 2 = 2000s),
 *   serial NNN and check digit X = (1101 − Σ wᵢ·dᵢ) mod 11 over the first ten digits
 *   (weights 1,6,3,7,9,10,5,8,4,2; a result of 10 is written as 0).
 * - New format since 2017-07-01 `3[2-9]NNNN-NNNNN`: random, no birth date, no published check
 *   digit, so only the format is checked.
 *
 * Input is trimmed and may omit the dash (`16117519997`); the normalized form (what we hash,
 * store and display) always has the dash after the sixth digit, as in the exchange files.
 */
export type PersonalCodeFormat = 'old' | 'new'
export type PersonalCodeError = 'format' | 'date' | 'check_digit'

export type PersonalCodeResult =
  | { ok: true; format: PersonalCodeFormat; normalized: string; birthDate?: string }
  | { ok: false; reason: PersonalCodeError }

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const SHAPE = /^(\d{6})-?(\d{5})$/
const NEW_FORMAT = /^3[2-9]\d{4}$/
const CENTURIES: Record<string, number> = { '0': 1800, '1': 1900, '2': 2000 }

/** The check digit of an old-format code, from its first ten digits (dash removed). */
export function personalCodeCheckDigit(firstTenDigits: string): number {
  let sum = 0
  for (let i = 0; i < 10; i++) sum += WEIGHTS[i] * (firstTenDigits.charCodeAt(i) - 48)
  return ((1101 - sum) % 11) % 10
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

export function parsePersonalCode(input: string): PersonalCodeResult {
  const match = SHAPE.exec(input.trim())
  if (!match) return { ok: false, reason: 'format' }
  const [, head, tail] = match
  const normalized = `${head}-${tail}`

  if (NEW_FORMAT.test(head)) return { ok: true, format: 'new', normalized }

  const century = CENTURIES[tail[0]]
  if (century === undefined) return { ok: false, reason: 'format' }
  const day = Number(head.slice(0, 2))
  const month = Number(head.slice(2, 4))
  const year = century + Number(head.slice(4, 6))
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'date' }
  }
  const digits = head + tail
  if (personalCodeCheckDigit(digits) !== digits.charCodeAt(10) - 48) {
    return { ok: false, reason: 'check_digit' }
  }
  const birthDate = `${year}-${head.slice(2, 4)}-${head.slice(0, 2)}`
  return { ok: true, format: 'old', normalized, birthDate }
}

export function isValidPersonalCode(input: string): boolean {
  return parsePersonalCode(input).ok
}

/**
 * Builds a valid old-format code for a birth date and serial (0–999). Used by the population
 * generator and by tests; the check digit is computed, never guessed.
 */
export function buildOldPersonalCode(year: number, month: number, day: number, serial: number) {
  const centuryDigit = Math.floor(year / 100) - 18
  if (centuryDigit < 0 || centuryDigit > 2) throw new RangeError(`No century digit for ${year}`)
  const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)
  const head = `${pad2(day)}${pad2(month)}${pad2(year % 100)}`
  const serial3 = String(serial).padStart(3, '0')
  const ten = `${head}${centuryDigit}${serial3}`
  return `${head}-${centuryDigit}${serial3}${personalCodeCheckDigit(ten)}`
}
