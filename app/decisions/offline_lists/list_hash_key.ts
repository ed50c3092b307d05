import { createHash } from 'node:crypto'
import { offlineListHashSecret } from '#registers/import/keyed_hash'

export interface ListHashKey {
  algorithm: 'HMAC-SHA256'
  /** What is hashed: the identifier type, a colon, the value as the card carries it. */
  input: 'type:value'
  key_id: string
  /** Base64 of the 32-byte key. Only in the key endpoint's answer, never in a list. */
  key: string
}

/**
 * The key of the identifier hash in offline lists. Not the platform's identifier key (which
 * never leaves the platform); a validator needs it to hash the card it reads.
 */
export function listHashKey(): ListHashKey {
  const key = Buffer.from(offlineListHashSecret(), 'hex')
  return {
    algorithm: 'HMAC-SHA256',
    input: 'type:value',
    key_id: createHash('sha256').update(key).digest('hex').slice(0, 16),
    key: key.toString('base64'),
  }
}
