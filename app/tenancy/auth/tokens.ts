import { createHash, randomBytes } from 'node:crypto'

/** A link token: 32 random bytes, base64url. Only its sha256 is stored. */
export function generateToken() {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
