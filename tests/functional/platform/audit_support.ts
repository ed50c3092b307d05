import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Group } from '@japa/runner/core'
import { recordAudit } from '#platform/audit/record_audit'
import { useAuditSettings } from '#platform/audit/audit_settings'

export interface TestAudit {
  dir: string
  file: string
  publicKeyPem: string
  /** Moves the injected clock on. */
  advance(minutes: number): void
  cleanup(): void
}

/**
 * A fresh checkpoint file and Ed25519 key per test: the test's rows roll back with its global
 * transaction, the file's lines would not. Checkpoints every `everyEntries` entries.
 */
export function freshAuditSettings(everyEntries = 4, everyMinutes = 10): TestAudit {
  const dir = mkdtempSync(join(tmpdir(), 'atvieglo-audit-test-'))
  const file = join(dir, 'checkpoints.jsonl')
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }) as string
  let now = new Date('2030-03-01T10:00:00Z').getTime()
  useAuditSettings({
    macKey: 'test-audit-mac-key-that-is-not-in-the-database',
    signing: {
      privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
      publicKey: publicKeyPem,
      keyFile: join(dir, 'keys', 'audit_signing_ed25519.pem'),
    },
    checkpoints: { file, everyEntries, everyMinutes },
    now: () => new Date(now),
  })
  return {
    dir,
    file,
    publicKeyPem,
    advance: (minutes) => {
      now += minutes * 60_000
    },
    cleanup: () => {
      useAuditSettings(null)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function writeChain(count: number, tenantId: number | null = null) {
  const rows = []
  for (let i = 0; i < count; i++) {
    rows.push(
      await recordAudit({
        action: 'test.audit.write',
        tenantId,
        subjectType: 'person',
        subjectId: i,
        metadata: { step: i, nested: { b: 2, a: [1, { z: true, y: null }] } },
      })
    )
  }
  return rows
}

/**
 * The audit suites play an attacker with the tables' owner rights (ALTER TABLE, TRUNCATE), which
 * the app's role lacks (row_level_security.spec.ts): the owner connection becomes the default for
 * each test, inside a global transaction of its own, so the app's writes and the attacks share
 * one transaction and roll back together.
 */
export function actAsTheOwner(group: Group) {
  group.each.setup(() => {
    const previous = db.primaryConnectionName
    db.primaryConnectionName = 'owner'
    return () => {
      db.primaryConnectionName = previous
    }
  })
  group.each.setup(() => testUtils.db('owner').withGlobalTransaction())
}

/**
 * The common setup of the audit suites, per test: fresh keys and checkpoint file, the owner's
 * transaction, an empty chain. Answers the current test's settings.
 */
export function auditSuite(group: Group, everyEntries: number, everyMinutes = 10): TestAudit {
  let current: TestAudit
  group.each.setup(() => {
    current = freshAuditSettings(everyEntries, everyMinutes)
    return () => current.cleanup()
  })
  actAsTheOwner(group)
  group.each.setup(() => startFromAnEmptyChain())
  return {
    get dir() {
      return current.dir
    },
    get file() {
      return current.file
    },
    get publicKeyPem() {
      return current.publicKeyPem
    },
    advance: (minutes) => current.advance(minutes),
    cleanup: () => current.cleanup(),
  }
}

/**
 * Runs SQL as the database owner would, an attacker with database access included: user
 * triggers (the append-only ones) are switched off for the statements.
 */
export async function asDatabaseOwner(statements: [string, unknown[]?][]) {
  for (const table of ['audit_logs', 'audit_checkpoints']) {
    await db.rawQuery(`ALTER TABLE ${table} DISABLE TRIGGER USER`)
  }
  for (const [sql, bindings] of statements) await db.rawQuery(sql, (bindings ?? []) as any)
  for (const table of ['audit_logs', 'audit_checkpoints']) {
    await db.rawQuery(`ALTER TABLE ${table} ENABLE TRIGGER USER`)
  }
}

/**
 * Inside the test's global transaction, starts from an empty log, head and checkpoint table:
 * suites that commit audit rows and later TRUNCATE … CASCADE (reaching audit_logs through users)
 * leave a head that vouches for rows no longer there, which the verifier rightly reports.
 */
export async function startFromAnEmptyChain() {
  await asDatabaseOwner([['TRUNCATE audit_logs, audit_chain_head, audit_checkpoints']])
}
