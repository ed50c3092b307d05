import { createPublicKey, hkdfSync, type KeyObject } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { ed25519KeyId, generateKeyFile, parseEd25519Key } from '#platform/crypto/ed25519_keys'
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

function parseKey(text: string, kind: 'private' | 'public'): KeyObject {
  return parseEd25519Key(text, kind, 'audit')
}

/** Reads the key file, or creates it (mode 0600, its folder 0700) on first use. */
function keyFromFile(file: string): KeyObject {
  if (existsSync(file)) return parseKey(readFileSync(file, 'utf8'), 'private')
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const { key: privateKey, created } = generateKeyFile(file, 'audit')
  if (!created) return privateKey
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

/** Names the key in checkpoints (first 16 hex digits of SHA-256 over its SPKI DER). */
export const auditKeyId = ed25519KeyId
