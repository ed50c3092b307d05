import { createHash, createHmac, generateKeyPairSync } from 'node:crypto'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import { verifyAuditChain } from '#platform/audit/verify_audit_chain'
import { auditRowFields, type AuditRow } from '#platform/audit/audit_row'
import { auditMac, type AuditFields } from '#platform/audit/audit_hash'
import { auditMacKey } from '#platform/audit/audit_keys'
import { signCheckpoint } from '#platform/audit/audit_checkpoint'
import { asDatabaseOwner, auditSuite, writeChain } from '#tests/functional/platform/audit_support'

type Digest = (prev: string, fields: AuditFields) => string

/** What an attacker without the MAC key can compute: the old unkeyed hash, or a guessed key. */
const unkeyedSha256: Digest = (prev, fields) =>
  createHash('sha256')
    .update(prev)
    .update(JSON.stringify(sorted(fields)))
    .digest('hex')
const guessedKey: Digest = (prev, fields) =>
  createHmac('sha256', 'APP_KEY-guess')
    .update(prev)
    .update(JSON.stringify(sorted(fields)))
    .digest('hex')

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])])
    )
  }
  return value
}

/**
 * The full rewrite: changes one entry's action, recomputes its MAC and every later one with
 * `digest`, re-links prev_mac and moves the chain head, so that every link and the head agree.
 */
async function rewriteFrom(id: number, action: string, digest: Digest) {
  const rows: (AuditRow & { prev_mac: string; mac: string })[] = await db
    .from('audit_logs')
    .where('id', '>=', id)
    .orderBy('id')
  let prev = rows[0].prev_mac
  const statements: [string, unknown[]][] = []
  for (const row of rows) {
    const fields = auditRowFields(row)
    if (Number(row.id) === id) fields.action = action
    const mac = digest(prev, fields)
    statements.push([
      'UPDATE audit_logs SET action = ?, prev_mac = ?, mac = ? WHERE id = ?',
      [fields.action, prev, mac, row.id],
    ])
    prev = mac
  }
  const lastId = rows[rows.length - 1].id
  statements.push(['UPDATE audit_chain_head SET last_mac = ? WHERE last_id = ?', [prev, lastId]])
  await asDatabaseOwner(statements)
}

/** Deletes every entry after `keepId` and points the head at `keepId`, so the head agrees. */
async function cutTailAfter(keepId: number) {
  const kept = await db.from('audit_logs').where('id', keepId).firstOrFail()
  const [{ count }] = await db.from('audit_logs').where('id', '<=', keepId).count('* as count')
  await asDatabaseOwner([
    ['DELETE FROM audit_logs WHERE id > ?', [keepId]],
    [
      'UPDATE audit_chain_head SET last_id = ?, last_mac = ?, entry_count = ?, checkpoint_count = ?',
      [keepId, kept.mac, Number(count), Number(count)],
    ],
  ])
}

function fileLines(file: string) {
  return readFileSync(file, 'utf8').trim().split('\n')
}

test.group('Audit log tamper evidence: attacks with database access', (group) => {
  const audit = auditSuite(group, 4)

  test('a clean chain with checkpoints in the table and the file verifies', async ({ assert }) => {
    await writeChain(10)
    assert.lengthOf(fileLines(audit.file), 2)
    const report = await verifyAuditChain()
    assert.deepEqual(report.problems, [])
    assert.include(report, { ok: true, checked: 10, total: 10, checkpoints: 2 })
  })

  test('(a) an entry rewritten with every later MAC recomputed without the key is found', async ({
    assert,
  }) => {
    const rows = await writeChain(10)
    // The same full rewrite with the real key passes over entries no checkpoint covers yet:
    // only the key stands between the attacker and an intact-looking chain.
    const realKey: Digest = (prev, fields) => auditMac(auditMacKey(), prev, fields)
    await rewriteFrom(Number(rows[9].id), 'test.audit.harmless', realKey)
    const { ok } = await verifyAuditChain()
    assert.isTrue(ok)

    for (const digest of [unkeyedSha256, guessedKey]) {
      await rewriteFrom(Number(rows[2].id), 'test.audit.hidden', digest)
      const report = await verifyAuditChain({ batchSize: 3 })
      assert.isFalse(report.ok)
      assert.deepEqual(report.problems[0], { reason: 'mac_mismatch', entryId: Number(rows[2].id) })
    }
  })

  test('(b) the newest entries deleted back past a checkpoint are found, the checkpoint named', async ({
    assert,
  }) => {
    const rows = await writeChain(10)
    const [, second] = await db.from('audit_checkpoints').orderBy('id')
    await cutTailAfter(Number(rows[5].id))

    const report = await verifyAuditChain()
    assert.isFalse(report.ok)
    assert.deepEqual(report.problems[0], {
      reason: 'checkpoint_entry_missing',
      entryId: Number(rows[7].id),
      checkpoint: {
        source: { table: Number(second.id) },
        lastId: Number(rows[7].id),
        entryCount: 8,
      },
      found: { lastId: Number(rows[5].id), entryCount: 6 },
    })
  })

  test('(b) deleting the checkpoints from the database too leaves the exported file to tell', async ({
    assert,
  }) => {
    const rows = await writeChain(10)
    await cutTailAfter(Number(rows[5].id))
    await asDatabaseOwner([['DELETE FROM audit_checkpoints WHERE entry_count > 6']])

    const report = await verifyAuditChain()
    assert.isFalse(report.ok)
    const reasons = report.problems.map((p) => [p.reason, p.checkpoint?.source])
    assert.deepEqual(reasons, [
      ['checkpoint_not_in_table', { file: audit.file, line: 2 }],
      ['checkpoint_entry_missing', { file: audit.file, line: 2 }],
    ])
    assert.deepEqual(report.problems[1].found, { lastId: Number(rows[5].id), entryCount: 6 })
  })

  test('(c) TRUNCATE of the log, its checkpoints and its head is found from the file', async ({
    assert,
  }) => {
    const rows = await writeChain(9)
    await asDatabaseOwner([
      ['TRUNCATE audit_logs'],
      ['TRUNCATE audit_checkpoints'],
      ['TRUNCATE audit_chain_head'],
    ])

    const report = await verifyAuditChain()
    assert.isFalse(report.ok)
    const missing = report.problems.find((p) => p.reason === 'checkpoint_entry_missing')!
    assert.deepEqual(missing, {
      reason: 'checkpoint_entry_missing',
      entryId: Number(rows[7].id),
      checkpoint: {
        source: { file: audit.file, line: 2 },
        lastId: Number(rows[7].id),
        entryCount: 8,
      },
      found: { lastId: 0, entryCount: 0 },
    })
  })

  test('(c) TRUNCATE of the log alone is found from the checkpoint table', async ({ assert }) => {
    await writeChain(5)
    await asDatabaseOwner([['TRUNCATE audit_logs']])
    const report = await verifyAuditChain()
    assert.equal(report.reason, 'checkpoint_entry_missing')
    assert.deepEqual(report.problems[0].found, { lastId: 0, entryCount: 0 })
  })

  test('a checkpoint forged with another key is named by its row, and by its file line', async ({
    assert,
  }) => {
    const rows = await writeChain(6)
    const genuine = await db.from('audit_checkpoints').firstOrFail()
    await cutTailAfter(Number(rows[2].id))
    // The attacker signs a checkpoint for the shortened log with a key of their own.
    const { privateKey } = generateKeyPairSync('ed25519')
    const forged = signCheckpoint(
      {
        lastId: Number(rows[2].id),
        lastMac: rows[2].mac,
        entryCount: 3,
        checkpointCount: 3,
        checkpointAt: null,
      },
      new Date('2030-03-01T10:05:00Z'),
      privateKey
    )
    const [row] = await db
      .insertQuery()
      .table('audit_checkpoints')
      .insert({
        last_id: forged.lastId,
        head_mac: forged.headMac,
        entry_count: forged.entryCount,
        created_at: forged.createdAt,
        key_id: forged.keyId,
        signature: forged.signature,
      })
      .returning('id')
    // And edits the count of the file's checkpoint, keeping its genuine signature.
    const [line] = fileLines(audit.file)
    writeFileSync(audit.file, JSON.stringify({ ...JSON.parse(line), entryCount: 3 }) + '\n')
    appendFileSync(audit.file, 'not json\n')

    const report = await verifyAuditChain()
    assert.isFalse(report.ok)
    const byReason = report.problems.map((p) => [p.reason, p.checkpoint?.source])
    assert.deepInclude(byReason, ['checkpoint_signature_invalid', { table: Number(row.id ?? row) }])
    assert.deepInclude(byReason, ['checkpoint_signature_invalid', { file: audit.file, line: 1 }])
    assert.deepInclude(byReason, ['checkpoint_malformed', { file: audit.file, line: 2 }])
    // The genuine checkpoint still in the table still catches the cut.
    assert.deepInclude(byReason, ['checkpoint_entry_missing', { table: Number(genuine.id) }])
  })

  test('the limit: entries after the last checkpoint can be cut until the next one', async ({
    assert,
  }) => {
    const rows = await writeChain(10)
    await cutTailAfter(Number(rows[7].id))
    const { ok } = await verifyAuditChain()
    assert.isTrue(ok)
  })

  test('a tail cut without moving the head is found by the head', async ({ assert }) => {
    const rows = await writeChain(3)
    await asDatabaseOwner([['DELETE FROM audit_logs WHERE id = ?', [rows[2].id]]])
    const report = await verifyAuditChain()
    assert.deepEqual(report.problems, [
      {
        reason: 'head_mismatch',
        entryId: Number(rows[2].id),
        found: { lastId: Number(rows[1].id), entryCount: 2 },
      },
    ])
  })

  test('audit:verify exits 1 and names the entry or checkpoint that failed', async ({ assert }) => {
    const rows = await writeChain(10)
    ace.ui.switchMode('raw')
    const clean = await ace.exec('audit:verify', [])
    assert.equal(clean.exitCode, 0)

    await cutTailAfter(Number(rows[5].id))
    const cut = await ace.exec('audit:verify', [])
    assert.equal(cut.exitCode, 1)
    const cutLogs = cut.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(cutLogs, `entry id ${rows[7].id} is missing`)
    assert.include(cutLogs, 'signed for 8 entries')

    await rewriteFrom(Number(rows[1].id), 'test.audit.forged', guessedKey)
    const rewritten = await ace.exec('audit:verify', ['--batch-size=2'])
    assert.equal(rewritten.exitCode, 1)
    const logs = rewritten.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(logs, `entry id ${rows[1].id}: MAC does not match`)
  })
})
