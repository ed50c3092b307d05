import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  createHash,
  hkdfSync,
  type KeyObject,
} from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import logger from '@adonisjs/core/services/logger'
import { appKey } from '#config/app'
import { auditSettings } from '#platform/audit/audit_settings'

/**
 * The audit chain's keys. None of them is ever stored in the database, so write access to the
 * database alone cannot forge a MAC or a checkpoint signature.
 */

/** AUDIT_MAC_KEY, or HKDF-SHA256 of APP_KEY under its own label (never the raw APP_KEY). */
export function auditMacKey(): Buffer {
  const configured = auditSettings().macKey
  if (configured) return Buffer.from(configured)
  return Buffer.from(
    hkdfSync('sha256', appKey.release(), 'atvieglo-audit', 'audit-chain-mac:v1', 32)
  )
}

/** A PEM, or base64 of the DER (PKCS#8 for a private key, SPKI for a public one). */
function parseKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim()
  const pem = trimmed.startsWith('-----')
  const der = pem ? null : Buffer.from(trimmed, 'base64')
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? trimmed : { key: der!, format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? trimmed : { key: der!, format: 'der', type: 'spki' })
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The audit ${kind} key must be an Ed25519 key, not ${key.asymmetricKeyType}`)
  }
  return key
}

/** Reads the key file, or creates it (mode 0600, its folder 0700) on first use. */
function keyFromFile(file: string): KeyObject {
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), 'private')
  const { privateKey } = generateKeyPairSync('ed25519')
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
  // `wx`: two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return parseKey(readFileSync(file, 'utf8'), 'private')
  }
  logger.warn(
    { file },
    'generated an audit signing key: keep its .pub.pem for audit:verify; with several nodes, set AUDIT_SIGNING_KEY instead'
  )
  writeFileSync(
    file.replace(/\.pem$/, '') + '.pub.pem',
    createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }) as string
  )
  return privateKey
}

/** AUDIT_SIGNING_KEY, or the key file under storage/keys/. */
export function auditSigningKey(): KeyObject {
  const { privateKey, keyFile } = auditSettings().signing
  return privateKey ? parseKey(privateKey, 'private') : keyFromFile(keyFile)
}

/**
 * The key checkpoints are verified with: AUDIT_PUBLIC_KEY, else derived from the signing key.
 * Null when neither is configured and no key file exists yet (no checkpoint was ever signed).
 */
export function auditPublicKey(): KeyObject | null {
  const { privateKey, keyFile, publicKey } = auditSettings().signing
  if (publicKey) return parseKey(publicKey, 'public')
  if (privateKey) return createPublicKey(parseKey(privateKey, 'private'))
  if (existsSync(keyFile))
    return createPublicKey(parseKey(readFileSync(keyFile, 'utf8'), 'private'))
  return null
}

/** First 16 hex digits of SHA-256 over the public key's SPKI DER: names the key in checkpoints. */
export function auditKeyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return createHash('sha256').update(der).digest('hex').slice(0, 16)
}
