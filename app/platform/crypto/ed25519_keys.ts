import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

/**
 * Ed25519 keys as the platform keeps them (audit checkpoints, offline lists): configured as a PEM
 * or as base64 of the DER, or generated once into a file that only this user can read.
 */

/** A PEM, or base64 of the DER (PKCS#8 for a private key, SPKI for a public one). */
export function parseEd25519Key(text: string, kind: 'private' | 'public', what: string): KeyObject {
  const trimmed = text.trim()
  const pem = trimmed.startsWith('-----')
  const der = pem ? null : Buffer.from(trimmed, 'base64')
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? trimmed : { key: der!, format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? trimmed : { key: der!, format: 'der', type: 'spki' })
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The ${what} ${kind} key must be an Ed25519 key, not ${key.asymmetricKeyType}`)
  }
  return key
}

/** The public key's SPKI DER (of a private key: of its public half). */
export function spkiOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  return publicKey.export({ format: 'der', type: 'spki' })
}

/** First 16 hex digits of SHA-256 over the public key's SPKI DER: names a key in signatures. */
export function ed25519KeyId(key: KeyObject): string {
  return createHash('sha256').update(spkiOf(key)).digest('hex').slice(0, 16)
}

/**
 * Generates a private key into `file` (mode 0600; the folder must exist). When another process
 * created the file first, its key wins: `created` says whether this call wrote it.
 */
export function generateKeyFile(file: string, what: string): { key: KeyObject; created: boolean } {
  const { privateKey } = generateKeyPairSync('ed25519')
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
  // `wx`: two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return { key: parseEd25519Key(readFileSync(file, 'utf8'), 'private', what), created: false }
  }
  return { key: privateKey, created: true }
}
