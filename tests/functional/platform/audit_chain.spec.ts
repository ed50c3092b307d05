import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import { recordAudit } from '#platform/audit/record_audit'
import { verifyAuditChain } from '#platform/audit/verify_audit_chain'
import { listAuditLogs } from '#platform/audit/list_audit_logs'
import { createPublicKey } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { appKey } from '#config/app'
import { readChainHead } from '#platform/audit/audit_chain_head'
import { checkpointSignatureValid } from '#platform/audit/audit_checkpoint'
import { GENESIS_MAC, legacyAuditHash } from '#platform/audit/audit_hash'
import { auditMacKey } from '#platform/audit/audit_keys'
import { auditSettings, useAuditSettings } from '#platform/audit/audit_settings'
import { rechainAuditLog } from '#platform/audit/rechain_audit_log'
import { asDatabaseOwner, auditSuite, writeChain } from '#tests/functional/platform/audit_support'
import Tenant from '#tenancy/models/tenant'

async function tenant(name: string, registrationNumber: string) {
  return Tenant.create({
    kind: 'state_grantor',
    name,
    registrationNumber,
    contactEmail: 'audit@atvieglo.test',
    contactPhone: null,
    status: 'active',
  })
}

/** Changes rows behind the append-only trigger's back, as the database owner could. */
async function tamper(sql: string, bindings: unknown[]) {
  await asDatabaseOwner([[sql, bindings]])
}

test.group('Audit chain verification', (group) => {
  auditSuite(group, 1000)

  test('an empty chain verifies', async ({ assert }) => {
    const report = await verifyAuditChain()
    assert.deepEqual(report, { ok: true, checked: 0, total: 0, checkpoints: 0, problems: [] })
  })

  test('concurrent writers share commits and still form one unbroken chain', async ({ assert }) => {
    const rows = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        recordAudit({ action: 'test.audit.concurrent', subjectType: 'person', subjectId: i })
      )
    )
    assert.equal(new Set(rows.map((row) => row.id)).size, 60)
    assert.deepEqual(
      rows.map((row) => row.subjectId),
      Array.from({ length: 60 }, (_, i) => String(i))
    )
    const report = await verifyAuditChain()
    assert.include(report, { ok: true, checked: 60, total: 60 })
    const head = await readChainHead(db.connection())
    assert.include(head, { lastId: Number(rows[59].id), lastMac: rows[59].mac, entryCount: 60 })
  })

  test('a clean chain verifies across batches, reporting progress', async ({ assert }) => {
    await writeChain(7)
    const progress: number[] = []
    const report = await verifyAuditChain({ batchSize: 3, onProgress: (n) => progress.push(n) })
    assert.isTrue(report.ok)
    assert.equal(report.checked, 7)
    assert.deepEqual(progress, [3, 6, 7])
  })

  test('a row whose action was changed is reported with its id', async ({ assert }) => {
    const rows = await writeChain(5)
    await tamper('UPDATE audit_logs SET action = ? WHERE id = ?', ['test.audit.hidden', rows[2].id])
    const report = await verifyAuditChain({ batchSize: 2 })
    assert.isFalse(report.ok)
    assert.equal(report.brokenId, Number(rows[2].id))
    assert.equal(report.reason, 'mac_mismatch')
  })

  test('a row whose metadata was changed is reported with its id', async ({ assert }) => {
    const rows = await writeChain(4)
    await tamper(`UPDATE audit_logs SET metadata = '{"step": 99}'::jsonb WHERE id = ?`, [
      rows[1].id,
    ])
    const report = await verifyAuditChain()
    assert.equal(report.brokenId, Number(rows[1].id))
  })

  test('a deleted row breaks the link of the row after it', async ({ assert }) => {
    const rows = await writeChain(4)
    await tamper('DELETE FROM audit_logs WHERE id = ?', [rows[1].id])
    const report = await verifyAuditChain()
    assert.equal(report.brokenId, Number(rows[2].id))
    assert.equal(report.reason, 'prev_mac_mismatch')
  })

  test('the MACs depend on the key: another AUDIT_MAC_KEY fails the same chain', async ({
    assert,
  }) => {
    const rows = await writeChain(2)
    useAuditSettings({ macKey: 'another-key-of-at-least-thirty-two-chars' })
    const report = await verifyAuditChain()
    assert.deepEqual(report.problems, [{ reason: 'mac_mismatch', entryId: Number(rows[0].id) }])
  })

  test('without AUDIT_MAC_KEY the key is derived from APP_KEY, never APP_KEY itself', async ({
    assert,
  }) => {
    useAuditSettings({ macKey: null })
    const derived = auditMacKey()
    assert.lengthOf(derived, 32)
    assert.notEqual(derived.toString('hex'), Buffer.from(appKey.release()).toString('hex'))
    await writeChain(2)
    const { ok } = await verifyAuditChain()
    assert.isTrue(ok)
  })

  test('the trigger refuses UPDATE and DELETE', async ({ assert }) => {
    const [row] = await writeChain(1)
    // Savepoints keep the global transaction usable after the refused statement.
    await assert.rejects(
      () =>
        db.transaction((trx) =>
          trx.rawQuery('UPDATE audit_logs SET action = ? WHERE id = ?', ['x', row.id])
        ),
      /append-only/
    )
    await assert.rejects(
      () => db.transaction((trx) => trx.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id])),
      /append-only/
    )
    const report = await verifyAuditChain()
    assert.isTrue(report.ok)
  })
})

test.group('Audit checkpoints', (group) => {
  const audit = auditSuite(group, 4, 10)

  test('the writer signs a checkpoint every N entries, in the table and the file', async ({
    assert,
  }) => {
    const rows = await writeChain(9)
    const stored = await db.from('audit_checkpoints').orderBy('id')
    assert.deepEqual(
      stored.map((row) => [Number(row.last_id), Number(row.entry_count), row.head_mac]),
      [
        [Number(rows[3].id), 4, rows[3].mac],
        [Number(rows[7].id), 8, rows[7].mac],
      ]
    )
    const lines = readFileSync(audit.file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    assert.deepEqual(
      lines.map((line) => line.signature),
      stored.map((row) => row.signature)
    )
    const publicKey = createPublicKey(audit.publicKeyPem)
    assert.isTrue(lines.every((line) => checkpointSignatureValid(line, publicKey)))
  })

  test('the writer signs a checkpoint after M minutes even below N entries', async ({ assert }) => {
    await writeChain(1)
    audit.advance(9)
    await writeChain(1)
    assert.equal(await checkpointCount(), 0)
    audit.advance(1)
    const [third] = await writeChain(1)
    const [checkpoint] = await db.from('audit_checkpoints')
    assert.equal(Number(checkpoint.entry_count), 3)
    assert.equal(Number(checkpoint.last_id), Number(third.id))
    assert.equal(new Date(checkpoint.created_at).toISOString(), '2030-03-01T10:10:00.000Z')
  })

  test('an entry written in a transaction that rolls back leaves no checkpoint line', async ({
    assert,
  }) => {
    await writeChain(3)
    await assert.rejects(() =>
      db.transaction(async (trx) => {
        await recordAudit({ action: 'test.audit.rolled_back', trx })
        throw new Error('the caller fails')
      })
    )
    assert.isFalse(existsSync(audit.file))
    const [row] = await writeChain(1)
    await db.transaction((trx) => recordAudit({ action: 'test.audit.in_trx', trx }))
    const lines = readFileSync(audit.file, 'utf8').trim().split('\n')
    assert.lengthOf(lines, 1)
    assert.equal(JSON.parse(lines[0]).entryCount, 4)
    assert.equal(JSON.parse(lines[0]).lastId, Number(row.id))
    const { ok } = await verifyAuditChain()
    assert.isTrue(ok)
  })

  test('audit:checkpoint signs the head now, once', async ({ assert }) => {
    const rows = await writeChain(2)
    ace.ui.switchMode('raw')
    const first = await ace.exec('audit:checkpoint', [])
    assert.equal(first.exitCode, 0)
    const again = await ace.exec('audit:checkpoint', [])
    assert.equal(again.exitCode, 0)
    const stored = await db.from('audit_checkpoints')
    assert.lengthOf(stored, 1)
    assert.equal(Number(stored[0].last_id), Number(rows[1].id))
    assert.lengthOf(readFileSync(audit.file, 'utf8').trim().split('\n'), 1)
    assert.include(
      again.logger
        .getLogs()
        .map((log) => log.message)
        .join('\n'),
      'Nothing appended since the last checkpoint'
    )
  })

  test('without AUDIT_SIGNING_KEY a key file is generated once, readable by its owner only', async ({
    assert,
  }) => {
    useAuditSettings({ signing: { privateKey: null, publicKey: null } })
    const keyFile = auditSettings().signing.keyFile
    await writeChain(4)
    assert.equal(statSync(keyFile).mode & 0o777, 0o600)
    const pem = readFileSync(keyFile, 'utf8')
    await writeChain(4)
    assert.equal(readFileSync(keyFile, 'utf8'), pem)
    assert.isTrue(existsSync(keyFile.replace(/\.pem$/, '.pub.pem')))
    const report = await verifyAuditChain()
    assert.include(report, { ok: true, checkpoints: 2 })
  })

  test('checkpoints in the table but not yet in the file still verify', async ({ assert }) => {
    useAuditSettings({ checkpoints: { file: null } })
    await writeChain(5)
    useAuditSettings({ checkpoints: { file: audit.file } })
    const report = await verifyAuditChain()
    assert.include(report, { ok: true, checkpoints: 1 })
  })
})

test.group('Re-chaining a log written under the unkeyed chain', (group) => {
  auditSuite(group, 1000)

  /** Rows as installs before migration 1320 wrote them: SHA-256 chain, no head. */
  async function legacyRows(count: number) {
    let prev = GENESIS_MAC
    const ids: number[] = []
    for (let i = 0; i < count; i++) {
      const fields = {
        tenantId: null,
        actorUserId: null,
        actorLabel: null,
        action: 'test.legacy',
        subjectType: 'person',
        subjectId: String(i),
        metadata: { i },
        requestId: null,
        ip: null,
        createdAt: `2026-01-0${i + 1}T00:00:00.000Z`,
      }
      const hash = legacyAuditHash(prev, fields)
      const [row] = await db
        .insertQuery()
        .table('audit_logs')
        .insert({
          action: fields.action,
          subject_type: fields.subjectType,
          subject_id: fields.subjectId,
          metadata: JSON.stringify(fields.metadata),
          created_at: fields.createdAt,
          prev_mac: prev,
          mac: hash,
        })
        .returning('id')
      ids.push(Number(row.id))
      prev = hash
    }
    return ids
  }

  async function rechain() {
    await db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update')
    const result = await rechainAuditLog(db.connection())
    await db.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update')
    return result
  }

  test('old entries are re-chained under the key and the re-chain is recorded', async ({
    assert,
  }) => {
    await legacyRows(3)
    const before = await verifyAuditChain()
    assert.equal(before.reason, 'mac_mismatch')
    assert.deepEqual(await rechain(), { entries: 4, legacyBrokenId: null })

    const rekeyed = await db.from('audit_logs').orderBy('id', 'desc').firstOrFail()
    assert.equal(rekeyed.action, 'audit.chain.rekeyed')
    assert.deepEqual(rekeyed.metadata, { entries: 3, legacyVerified: true, legacyBrokenId: null })
    assert.include(await verifyAuditChain(), { ok: true, checked: 4 })
    // The next write chains on and checkpoints the re-chained entries at once.
    await writeChain(1)
    const checkpoint = await db.from('audit_checkpoints').firstOrFail()
    assert.equal(Number(checkpoint.entry_count), 5)
  })

  test('an old chain that was already broken is not laundered: the break is on record', async ({
    assert,
  }) => {
    const ids = await legacyRows(3)
    await tamper('UPDATE audit_logs SET action = ? WHERE id = ?', ['test.legacy.edited', ids[1]])
    const result = await rechain()
    assert.equal(result.legacyBrokenId, ids[1])
    const rekeyed = await db.from('audit_logs').orderBy('id', 'desc').firstOrFail()
    assert.deepEqual(rekeyed.metadata, {
      entries: 3,
      legacyVerified: false,
      legacyBrokenId: ids[1],
    })
  })
})

async function checkpointCount() {
  const [{ count }] = await db.from('audit_checkpoints').count('* as count')
  return Number(count)
}

test.group('list_audit_logs', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("tenant staff see only their tenant's rows, newest first", async ({ assert }) => {
    const a = await tenant('Audit A', '40003619950')
    const b = await tenant('Audit B', '90011524360')
    await writeChain(2, a.id)
    await writeChain(3, b.id)
    await writeChain(1, null)

    const page = await listAuditLogs({ tenantId: a.id, page: 1 })
    assert.equal(page.total, 2)
    assert.isTrue(page.all().every((row) => row.tenantId === a.id))
    assert.isAbove(Number(page.all()[0].id), Number(page.all()[1].id))
  })

  test('the operator sees every row, paginated', async ({ assert }) => {
    const a = await tenant('Audit A', '40003619950')
    await writeChain(3, a.id)
    await writeChain(2, null)
    const page = await listAuditLogs({ page: 2, perPage: 2 })
    assert.equal(page.total, 5)
    assert.equal(page.currentPage, 2)
    assert.lengthOf(page.all(), 2)
  })
})
