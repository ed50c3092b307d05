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

export function keyedHasher(): KeyedHasher {
  hasher ??= createKeyedHasher(keyedHashSecret())
  return hasher
}

/** Hash of a normalized personal code (same as `personalCodeHash` for valid codes). */
export function hashNormalizedCode(normalized: string): string {
  return keyedHasher().code(normalized)
}

export function hashIdentifier(type: string, value: string): string {
  return keyedHasher().identifier(type, value)
}
