import { createHmac } from 'node:crypto'
import env from '#start/env'
import encryption from '@adonisjs/core/services/encryption'
import { parsePersonalCode } from '#registers/personal_code'

/**
 * Personal codes are stored as a keyed hash for lookup (HMAC-SHA256 with IDENTIFIER_HASH_KEY,
 * falling back to APP_KEY) plus an encrypted value for display to those allowed to see it.
 * Both work on the normalized code, so `16117519997` and `161175-19997` are the same person.
 */
function hashKey(): string {
  return env.get('IDENTIFIER_HASH_KEY') || env.get('APP_KEY').release()
}

/**
 * Keyed hash (HMAC-SHA256, hex) of a personal code for lookup. Invalid codes throw: they must
 * never reach storage.
 */
export function personalCodeHash(code: string): string {
  const parsed = parsePersonalCode(code)
  if (!parsed.ok) throw new Error(`Invalid personal code (${parsed.reason})`)
  return createHmac('sha256', hashKey()).update(parsed.normalized).digest('hex')
}

/** Encrypted normalized code, for display to those allowed to see it. */
export function encryptPersonalCode(code: string): string {
  const parsed = parsePersonalCode(code)
  if (!parsed.ok) throw new Error(`Invalid personal code (${parsed.reason})`)
  return encryption.encrypt(parsed.normalized)
}

export function decryptPersonalCode(cipherText: string): string | null {
  return encryption.decrypt<string>(cipherText)
}
