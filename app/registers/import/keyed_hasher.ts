import { createHmac, createSecretKey } from 'node:crypto'

/**
 * The keyed hash of personal codes and identifiers (HMAC-SHA256, hex) for a given secret, with
 * the key prepared once. Free of app services, so import worker threads can use it too.
 */
export interface KeyedHasher {
  /** Hash of a normalized personal code. */
  code(normalized: string): string
  /** Hash of an identifier, as `type:value`. */
  identifier(type: string, value: string): string
  /** The same under the offline-list key: what providers' validators compute (never `identifier`). */
  listIdentifier(type: string, value: string): string
}

export function createKeyedHasher(secret: string, listSecret: string): KeyedHasher {
  const key = createSecretKey(Buffer.from(secret, 'utf8'))
  const listKey = createSecretKey(Buffer.from(listSecret, 'hex'))
  return {
    code: (normalized) => createHmac('sha256', key).update(normalized).digest('hex'),
    identifier: (type, value) => createHmac('sha256', key).update(`${type}:${value}`).digest('hex'),
    listIdentifier: (type, value) =>
      createHmac('sha256', listKey).update(`${type}:${value}`).digest('hex'),
  }
}
