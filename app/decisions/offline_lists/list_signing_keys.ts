import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/**
 * The Ed25519 keys offline lists are signed with, kept like the audit keys (audit_keys.ts):
 * OFFLINE_LIST_SIGNING_KEY, or `current.pem` (mode 0600, folder 0700) generated on first use.
 * A rotation moves the current key's public half to `retired/<key id>.pub.pem` and generates a
 * new one: retired private keys are not kept, their public keys are, so every list ever signed
 * still verifies. OFFLINE_LIST_PUBLIC_KEYS adds retired keys when the signing key is configured.
 */
export interface ListKeySettings {
  privateKey: string | null
  publicKeys: string[]
  dir: string
}

function configured(): ListKeySettings {
  return {
    privateKey: env.get('OFFLINE_LIST_SIGNING_KEY')?.release() ?? null,
    publicKeys: (env.get('OFFLINE_LIST_PUBLIC_KEYS') ?? '')
      .split(';')
      .map((key) => key.trim())
      .filter(Boolean),
    dir: app.makePath('storage/keys/offline_list'),
  }
}

let overrides: Partial<ListKeySettings> | null = null

/** For tests: another key folder or configured keys, until reset with null. */
export function useListKeySettings(given: Partial<ListKeySettings> | null) {
  overrides = given
}

function settings(): ListKeySettings {
  return { ...configured(), ...overrides }
}

export interface PublishedKey {
  key_id: string
  status: 'current' | 'retired'
  algorithm: 'Ed25519'
  /** Base64 of the SPKI DER (PEM without its armour). */
  public_key: string
}

/** A PEM, or base64 of the DER (PKCS#8 for a private key, SPKI for a public one). */
export function parseListKey(text: string, kind: 'private' | 'public'): KeyObject {
  const trimmed = text.trim()
  const pem = trimmed.startsWith('-----')
  const der = pem ? null : Buffer.from(trimmed, 'base64')
  const key =
    kind === 'private'
      ? createPrivateKey(pem ? trimmed : { key: der!, format: 'der', type: 'pkcs8' })
      : createPublicKey(pem ? trimmed : { key: der!, format: 'der', type: 'spki' })
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`An offline-list ${kind} key must be Ed25519, not ${key.asymmetricKeyType}`)
  }
  return key
}

function spki(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  return publicKey.export({ format: 'der', type: 'spki' })
}

/** First 16 hex digits of SHA-256 over the public key's SPKI DER. */
export function listKeyId(key: KeyObject): string {
  return createHash('sha256').update(spki(key)).digest('hex').slice(0, 16)
}

function generatedKey(file: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519')
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string
  // `wx`: two processes starting at once must not overwrite each other's key.
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return parseListKey(readFileSync(file, 'utf8'), 'private')
  }
  return privateKey
}

/** The key that signs new lists. */
export function currentListSigningKey(): KeyObject {
  const { privateKey, dir } = settings()
  if (privateKey) return parseListKey(privateKey, 'private')
  mkdirSync(join(dir, 'retired'), { recursive: true, mode: 0o700 })
  const file = join(dir, 'current.pem')
  if (existsSync(file)) return parseListKey(readFileSync(file, 'utf8'), 'private')
  return generatedKey(file)
}

function retiredKeys(): KeyObject[] {
  const { publicKeys, dir } = settings()
  const folder = join(dir, 'retired')
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith('.pub.pem'))
        .sort()
    : []
  return [
    ...publicKeys.map((text) => parseListKey(text, 'public')),
    ...files.map((name) => parseListKey(readFileSync(join(folder, name), 'utf8'), 'public')),
  ]
}

/** Every key a list may have been signed with: the current one first, then the retired ones. */
export function publishedListKeys(): PublishedKey[] {
  const current = currentListSigningKey()
  const seen = new Set<string>()
  const keys: PublishedKey[] = []
  for (const [status, key] of [
    ['current', current] as const,
    ...retiredKeys().map((retired) => ['retired', retired] as const),
  ]) {
    const keyId = listKeyId(key)
    if (seen.has(keyId)) continue
    seen.add(keyId)
    keys.push({
      key_id: keyId,
      status,
      algorithm: 'Ed25519',
      public_key: spki(key).toString('base64'),
    })
  }
  return keys
}

/**
 * Retires the current key (its public half stays published) and generates the next one.
 * A configured OFFLINE_LIST_SIGNING_KEY is rotated by configuration instead.
 */
export function rotateListSigningKey(): { retired: string; current: string } {
  const { privateKey, dir } = settings()
  if (privateKey) {
    throw new Error(
      'OFFLINE_LIST_SIGNING_KEY is set: rotate by setting a new key and adding the old public key to OFFLINE_LIST_PUBLIC_KEYS'
    )
  }
  const previous = currentListSigningKey()
  const retired = listKeyId(previous)
  writeFileSync(
    join(dir, 'retired', `${retired}.pub.pem`),
    createPublicKey(previous).export({ format: 'pem', type: 'spki' }) as string
  )
  const { privateKey: next } = generateKeyPairSync('ed25519')
  const staged = join(dir, `next-${process.pid}.pem`)
  writeFileSync(staged, next.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 })
  renameSync(staged, join(dir, 'current.pem'))
  return { retired, current: listKeyId(next) }
}
