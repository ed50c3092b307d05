import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import {
  ed25519KeyId,
  generateKeyFile,
  parseEd25519Key,
  spkiOf,
} from '#platform/crypto/ed25519_keys'
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

export function parseListKey(text: string, kind: 'private' | 'public'): KeyObject {
  return parseEd25519Key(text, kind, 'offline-list')
}

/** First 16 hex digits of SHA-256 over the public key's SPKI DER. */
export const listKeyId = ed25519KeyId

/** The key that signs new lists. */
export function currentListSigningKey(): KeyObject {
  const { privateKey, dir } = settings()
  if (privateKey) return parseListKey(privateKey, 'private')
  mkdirSync(join(dir, 'retired'), { recursive: true, mode: 0o700 })
  const file = join(dir, 'current.pem')
  if (existsSync(file)) return parseListKey(readFileSync(file, 'utf8'), 'private')
  return generateKeyFile(file, 'offline-list').key
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
      public_key: spkiOf(key).toString('base64'),
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
