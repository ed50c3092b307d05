import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Client credentials. The secret is 32 random bytes, so a plain SHA-256 of it
 * is as strong as a slow hash (nothing to brute-force) and cheap to check.
 */
export function generateClientId() {
  return `atv_${randomBytes(12).toString('hex')}`
}

export function generateClientSecret() {
  return `atvs_${randomBytes(32).toString('base64url')}`
}

export function hashClientSecret(secret: string) {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function secretMatches(secret: string, storedHash: string) {
  const given = Buffer.from(hashClientSecret(secret), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
