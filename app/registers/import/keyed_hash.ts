import { createHmac, createSecretKey, type KeyObject } from 'node:crypto'
import env from '#start/env'

/**
 * The keyed hash of personal_code_protection.ts (HMAC-SHA256 with IDENTIFIER_HASH_KEY, falling
 * back to APP_KEY) for already-normalized values, with the key prepared once: an import hashes
 * millions of codes. Identifier values are hashed as `type:value`.
 */
let key: KeyObject | undefined

function hashKey(): KeyObject {
  key ??= createSecretKey(
    Buffer.from(env.get('IDENTIFIER_HASH_KEY') || env.get('APP_KEY').release(), 'utf8')
  )
  return key
}

/** Hash of a normalized personal code (same as `personalCodeHash` for valid codes). */
export function hashNormalizedCode(normalized: string): string {
  return createHmac('sha256', hashKey()).update(normalized).digest('hex')
}

export function hashIdentifier(type: string, value: string): string {
  return createHmac('sha256', hashKey()).update(`${type}:${value}`).digest('hex')
}
