import { createHmac } from 'node:crypto'
import env from '#start/env'

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/**
 * Why a Latvian personal code is invalid, or null when it is valid.
 * Old format `DDMMYY-CNNNX`: a real birth date (century digit C: 0 = 1800s,
 * 1 = 1900s, 2 = 2000s) and check digit X = (1101 − Σ wᵢ·dᵢ) mod 11, 10 → 0.
 * New format (since 1 July 2017) `3[2-9]NNNN-NNNNN`: no date, no check digit.
 */
export function personalCodeError(input: string): 'format' | 'date' | 'check_digit' | null {
  const code = input.trim()
  if (/^3[2-9]\d{4}-?\d{5}$/.test(code)) return null
  const match = /^(\d{2})(\d{2})(\d{2})-?([012])(\d{4})$/.exec(code)
  if (!match) return 'format'
  const [, dd, mm, yy, century] = match
  const year = 1800 + Number(century) * 100 + Number(yy)
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== Number(mm) - 1 ||
    date.getUTCDate() !== Number(dd)
  ) {
    return 'date'
  }
  const digits = code.replace('-', '').split('').map(Number)
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * digits[i], 0)
  const check = (((1101 - sum) % 11) + 11) % 11
  return (check === 10 ? 0 : check) === digits[10] ? null : 'check_digit'
}

export function isValidPersonalCode(input: string) {
  return personalCodeError(input) === null
}

/** `DDMMYYCNNNN` → `DDMMYY-CNNNN`: one spelling per code, so one hash per person. */
export function normalisePersonalCode(input: string) {
  const digits = input.trim().replace('-', '')
  return `${digits.slice(0, 6)}-${digits.slice(6)}`
}

/**
 * The keyed hash (HMAC-SHA256, hex) under which a personal code is stored
 * and looked up; the code itself is never stored.
 */
export function personCodeHash(input: string) {
  const key = env.get('IDENTIFIER_HASH_KEY') || env.get('APP_KEY').release()
  return createHmac('sha256', key).update(normalisePersonalCode(input)).digest('hex')
}
