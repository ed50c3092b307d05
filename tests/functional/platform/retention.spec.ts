import { test } from '@japa/runner'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import retention from '#config/retention'
import EnforceRetention from '#platform/retention/enforce_retention'
import { makeTenant, makeUser } from '#tests/support/tenancy_fixtures'
import { runWithoutTenant } from '#platform/database/tenant_scope'

const NOW = new Date('2031-06-01T09:00:00Z')
const DAY = 86_400_000
/** A moment one day past the period, and one day within it. */
const past = (days: number) => new Date(NOW.getTime() - (days + 1) * DAY)
const within = (days: number) => new Date(NOW.getTime() - (days - 1) * DAY)

async function insert(table: string, row: Record<string, unknown>) {
  const [inserted] = await db.table(table).insert(row).returning('id')
  return Number(inserted.id)
}

async function exists(table: string, id: number) {
  return (await db.from(table).where('id', id).first()) !== null
}

let sequence = 0
async function person(updatedAt: Date) {
  sequence++
  return insert('persons', {
    code_hash: `retention-${sequence}-${Date.now()}`,
    code_encrypted: 'x',
    given_names: 'Anna',
    surname: 'Ozola',
    birth_date: '1950-01-01',
    created_at: updatedAt,
    updated_at: updatedAt,
  })
}

test.group('Data retention', (group) => {
  let reportDir: string
  group.each.setup(async () => {
    reportDir = await mkdtemp(join(tmpdir(), 'atvieglo-retention-'))
    const rollback = await testUtils.db().withGlobalTransaction()
    return async () => {
      await rollback()
      await rm(reportDir, { recursive: true, force: true })
    }
  })

  test('what outlived its period goes, what is within it stays, and a dry run deletes nothing', async ({
    assert,
  }) => {
    const user = await makeUser()
    const tenant = await makeTenant()
    const rows: Record<string, { old: number; recent: number }> = {}

    const token = (at: Date, used: boolean) =>
      insert('password_reset_tokens', {
        user_id: user.id,
        token_hash: `t-${at.getTime()}-${used}`,
        expires_at: used ? new Date(at.getTime() + DAY) : at,
        used_at: used ? at : null,
        created_at: at,
      })
    rows.password_reset_tokens = {
      old: await token(past(retention.passwordResetTokensDays), true),
      recent: await token(within(retention.passwordResetTokensDays), false),
    }

    const invitation = (at: Date) =>
      insert('invitations', {
        tenant_id: tenant.id,
        email: `i${at.getTime()}@example.lv`,
        full_name: 'Invited',
        role: 'viewer',
        token_hash: `i-${at.getTime()}`,
        expires_at: at,
        created_at: at,
        updated_at: at,
      })
    rows.invitations = {
      old: await invitation(past(retention.invitationsDays)),
      recent: await invitation(within(retention.invitationsDays)),
    }

    const apiClient = (at: Date) =>
      insert('api_clients', {
        owner_type: 'tenant',
        owner_id: tenant.id,
        tenant_id: tenant.id,
        name: 'Old system',
        client_id: `c-${at.getTime()}`,
        secret_hash: 'h',
        revoked_at: at,
        created_at: at,
        updated_at: at,
      })
    rows.api_clients = {
      old: await apiClient(past(retention.revokedApiClientsDays)),
      recent: await apiClient(within(retention.revokedApiClientsDays)),
    }

    const sourceId = await insert('data_sources', {
      code: `retention-${Date.now()}`,
      name: 'Retention source',
      allowed_attributes: JSON.stringify(['disability.group']),
      created_at: NOW,
      updated_at: NOW,
    })
    const oldReport = join(reportDir, 'old.csv')
    const recentReport = join(reportDir, 'recent.csv')
    await writeFile(oldReport, 'file,line,column,reason,description\n')
    await writeFile(recentReport, 'file,line,column,reason,description\n')
    const importRow = (finishedAt: Date, report: string | null) =>
      insert('register_imports', {
        data_source_id: sourceId,
        mode: 'delta',
        status: 'succeeded',
        origin: 'cli',
        started_at: finishedAt,
        finished_at: finishedAt,
        rejected: report ? 1 : 0,
        error_report_path: report,
      })
    const oldReportImport = await importRow(past(retention.importErrorReportsDays), oldReport)
    const recentReportImport = await importRow(
      within(retention.importErrorReportsDays),
      recentReport
    )
    rows.register_imports = {
      old: await importRow(past(retention.importRecordsDays), null),
      recent: oldReportImport,
    }

    const gone = await person(past(retention.personsWithoutSourceDays))
    const delivered = await person(past(retention.personsWithoutSourceDays))
    const entitled = await person(past(retention.personsWithoutSourceDays))
    const fact = (personId: number, validTo: string | null) =>
      insert('facts', {
        person_id: personId,
        attribute: 'disability.group',
        value: 'II',
        valid_from: '2000-01-01',
        valid_to: validTo,
        data_source_id: sourceId,
        received_at: past(retention.personsWithoutSourceDays),
      })
    await fact(gone, '2020-01-01')
    await fact(delivered, null)
    await fact(entitled, '2020-01-01')
    rows.persons = { old: gone, recent: delivered }

    const entitlement = (personId: number, endedAt: Date | null) =>
      insert('entitlements', {
        tenant_id: tenant.id,
        person_id: personId,
        benefit_id: 1,
        valid_from: '2010-01-01',
        valid_to: '2015-01-01',
        source: 'rule',
        explanation: JSON.stringify({ facts: ['disability.group'] }),
        ended_at: endedAt,
      })
    rows.entitlements = {
      old: await entitlement(999_999_001, past(retention.endedEntitlementsDays)),
      recent: await entitlement(entitled, within(retention.endedEntitlementsDays)),
    }

    const change = (personId: number, at: Date) =>
      insert('change_log', {
        person_id: personId,
        entity: 'fact',
        action: 'created',
        created_at: at,
      })
    const oldRead = await change(delivered, past(retention.registerChangeLogDays))
    const recentRead = await change(delivered, within(retention.registerChangeLogDays))
    await db
      .table('entitlement_cursors')
      .insert({ name: 'change_log', position: recentRead, updated_at: NOW })
      .onConflict('name')
      .merge()
    const oldUnread = await change(delivered, past(retention.registerChangeLogDays))
    rows.change_log = { old: oldRead, recent: recentRead }

    const auditRows = await db.from('audit_logs').count('* as n').first()

    const dry = await new EnforceRetention().handle({ now: NOW, dryRun: true })
    const wouldGo = Object.fromEntries(dry.map((outcome) => [outcome.category, outcome.rows]))
    assert.deepInclude(wouldGo, {
      password_reset_tokens: 1,
      invitations: 1,
      revoked_api_clients: 1,
      import_error_reports: 1,
      import_records: 1,
      register_change_log: 1,
      ended_entitlements: 1,
      persons_without_source: 1,
    })
    for (const [table, { old, recent }] of Object.entries(rows)) {
      assert.isTrue(await exists(table, old), `dry run kept the old ${table} row`)
      assert.isTrue(await exists(table, recent))
    }
    await stat(oldReport)

    const done = await new EnforceRetention().handle({ now: NOW })
    assert.deepEqual(
      done.map((outcome) => [outcome.category, outcome.rows]),
      dry.map((outcome) => [outcome.category, outcome.rows])
    )
    for (const [table, { old, recent }] of Object.entries(rows)) {
      assert.isFalse(await exists(table, old), `the old ${table} row is gone`)
      assert.isTrue(await exists(table, recent), `the recent ${table} row stays`)
    }
    // The person's facts went with them; the one still entitled stays.
    assert.isNull(await db.from('facts').where('person_id', gone).first())
    assert.isTrue(await exists('persons', entitled))
    assert.isTrue(await exists('change_log', oldUnread))
    // An error report goes before its import's record: the file and the path, not the counts.
    await assert.rejects(() => stat(oldReport))
    const reported = await db.from('register_imports').where('id', oldReportImport).firstOrFail()
    assert.isNull(reported.error_report_path)
    assert.equal(reported.rejected, 1)
    await stat(recentReport)
    const kept = await db.from('register_imports').where('id', recentReportImport).firstOrFail()
    assert.isNotNull(kept.error_report_path)
    // The audit log is never pruned here.
    assert.notInclude(
      done.map((outcome) => outcome.category),
      'audit_log'
    )
    assert.deepEqual(await db.from('audit_logs').count('* as n').first(), auditRows)

    // A second run finds nothing left to delete.
    const again = await new EnforceRetention().handle({ now: NOW })
    assert.isTrue(again.every((outcome) => outcome.rows === 0))
  })

  test('entered with no tenant, as the daily job is, it still reaches every tenant and says so in the audit log', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    const at = past(retention.invitationsDays)
    const id = await insert('invitations', {
      tenant_id: tenant.id,
      email: 'old-invitation@example.lv',
      full_name: 'Invited',
      role: 'viewer',
      token_hash: `job-${at.getTime()}`,
      expires_at: at,
      created_at: at,
      updated_at: at,
    })
    // Row-level security shows a scope without a tenant nothing of any tenant.
    assert.isFalse(await runWithoutTenant(() => exists('invitations', id)))

    const outcomes = await runWithoutTenant(() => new EnforceRetention().handle({ now: NOW }))
    assert.equal(outcomes.find((o) => o.category === 'invitations')?.rows, 1)
    assert.isFalse(await exists('invitations', id))
    const audit = await db
      .from('audit_logs')
      .where('action', 'platform.cross_tenant_access')
      .orderBy('id', 'desc')
      .firstOrFail()
    assert.match(JSON.stringify(audit.metadata), /retention/)
  })
})
