import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import { recordAudit } from '#platform/audit/record_audit'
import { verifyAuditChain } from '#platform/audit/verify_audit_chain'
import { listAuditLogs } from '#platform/queries/list_audit_logs'
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

async function writeChain(count: number, tenantId: number | null = null) {
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
 * Changes a row behind the trigger's back, as an attacker with the owner's DDL rights could
 * (the app's own role may not: row_level_security.spec.ts).
 */
async function tamper(sql: string, bindings: unknown[]) {
  const owner = db.connection('owner')
  await owner.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update')
  await owner.rawQuery(sql, bindings as any)
  await owner.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update')
}

/** Rows here are committed (the owner must see them to tamper); the owner empties the log. */
async function emptyAuditLog() {
  await db.connection('owner').rawQuery('TRUNCATE audit_logs RESTART IDENTITY')
}

test.group('Audit chain verification', (group) => {
  group.each.setup(async () => {
    await emptyAuditLog()
    return emptyAuditLog
  })

  test('an empty chain verifies', async ({ assert }) => {
    const report = await verifyAuditChain()
    assert.deepEqual(report, { ok: true, checked: 0, total: 0 })
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
    assert.deepEqual(report, { ok: true, checked: 60, total: 60 })
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
    assert.equal(report.reason, 'hash_mismatch')
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
    assert.equal(report.reason, 'prev_hash_mismatch')
  })

  test('the trigger refuses UPDATE and DELETE, even to the owner', async ({ assert }) => {
    const [row] = await writeChain(1)
    const owner = db.connection('owner')
    await assert.rejects(
      () => owner.rawQuery('UPDATE audit_logs SET action = ? WHERE id = ?', ['x', row.id]),
      /append-only/
    )
    await assert.rejects(
      () => owner.rawQuery('DELETE FROM audit_logs WHERE id = ?', [row.id]),
      /append-only/
    )
    const report = await verifyAuditChain()
    assert.isTrue(report.ok)
  })

  test('audit:verify exits 0 on a clean chain and 1 naming the tampered row', async ({
    assert,
  }) => {
    const rows = await writeChain(3)
    ace.ui.switchMode('raw')
    const clean = await ace.exec('audit:verify', [])
    assert.equal(clean.exitCode, 0)

    await tamper('UPDATE audit_logs SET action = ? WHERE id = ?', ['test.audit.forged', rows[0].id])
    const broken = await ace.exec('audit:verify', ['--batch-size=2'])
    assert.equal(broken.exitCode, 1)
    const logs = broken.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(logs, `row id ${rows[0].id}`)
  })
})

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
