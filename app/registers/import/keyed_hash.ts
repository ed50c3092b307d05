import { hkdfSync } from 'node:crypto'
import env from '#start/env'
import { createKeyedHasher, type KeyedHasher } from '#registers/import/keyed_hasher'

/**
 * The keyed hash of personal_code_protection.ts (HMAC-SHA256 with IDENTIFIER_HASH_KEY, falling
 * back to APP_KEY) for already-normalized values, with the key prepared once: an import hashes
 * millions of codes. Identifier values are hashed as `type:value`.
 */
let hasher: KeyedHasher | undefined

/** The secret of the keyed hash (handed to import worker threads). */
export function keyedHashSecret(): string {
  return env.get('IDENTIFIER_HASH_KEY') || env.get('APP_KEY').release()
}

/**
 * The key of the identifier hash offline lists carry (hex, 32 bytes): OFFLINE_LIST_HASH_KEY, or
 * HKDF-SHA256 of the identifier key under its own label. Providers' validators hold it, so it
 * must never be (or reveal) the identifier key itself; see app/decisions/offline_lists/README.md.
 */
export function offlineListHashSecret(): string {
  const configured = env.get('OFFLINE_LIST_HASH_KEY')?.release()
  if (configured) return Buffer.from(configured, 'base64').toString('hex')
  const derived = hkdfSync('sha256', keyedHashSecret(), 'atvieglo-offline-list', 'list-hash:v1', 32)
  return Buffer.from(derived).toString('hex')
}

export function keyedHasher(): KeyedHasher {
  hasher ??= createKeyedHasher(keyedHashSecret(), offlineListHashSecret())
  return hasher
}

/** Hash of a normalized personal code (same as `personalCodeHash` for valid codes). */
export function hashNormalizedCode(normalized: string): string {
  return keyedHasher().code(normalized)
}

export function hashIdentifier(type: string, value: string): string {
  return keyedHasher().identifier(type, value)
}

/** The identifier's hash in offline lists (HMAC-SHA256 of `type:value` under the list key). */
export function listHashIdentifier(type: string, value: string): string {
  return keyedHasher().listIdentifier(type, value)
}
