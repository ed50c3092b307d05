import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import queue from '#platform/services/queue'
import { addDays } from '#eligibility/rule_language/dates'
import { todayInRiga } from '#eligibility/engine/clock'
import { forgetEngineSetups } from '#eligibility/engine/service'
import { personalCodeHash } from '#registers/personal_code_protection'
import type Tenant from '#tenancy/models/tenant'
import IncrementalJob from '#eligibility/jobs/incremental_job'
import ImportFileSetJob from '#registers/jobs/import_file_set_job'
import { PERSONS_HEADER, writeFileSet } from '../registers/import_support.js'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import {
  JANIS,
  auditMark,
  dropAuditAfter,
  emptyPushState,
  janis,
  sourceWithClient,
} from '../registers/push_support.js'
import { currentEntitlements, grantorWithBenefit } from './fixtures.js'

const ENTITLEMENT_TABLES =
  'entitlements, entitlement_changes, entitlement_decisions, entitlement_run_chunks, entitlement_runs, entitlement_cursors'

/** Pushes commit on their own connection, so this group cleans up instead of rolling back. */
async function cleanUp(tenants: Tenant[], mark: number | null) {
  await queue.drain()
  await db.rawQuery(`TRUNCATE ${ENTITLEMENT_TABLES} RESTART IDENTITY CASCADE`)
  for (const tenant of tenants) await db.from('benefits').where('tenant_id', tenant.id).delete()
  await emptyPushState()
  if (mark !== null) await dropAuditAfter(mark)
  for (const tenant of tenants) await tenant.delete()
  forgetEngineSetups()
}

test.group('Wiring: a pushed fact change reaches the entitlements', (group) => {
  const tenants: Tenant[] = []
  group.each.setup(async () => {
    await cleanUp([], null)
    const mark = await auditMark()
    return () => cleanUp(tenants.splice(0), mark)
  })
  group.each.timeout(60_000)

  test("changing a person's disability group through the push API changes the entitlement and its explanation", async ({
    client,
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    tenants.push(tenant)
    const { benefit } = await grantorWithBenefit(
      tenant,
      'disability',
      'fact("disability.group") in ["I", "II"]'
    )
    const { authorization } = await sourceWithClient({ code: 'pmlp' })
    const push = (body: Record<string, unknown>) =>
      client
        .post('/api/v1/registers/pmlp/changes')
        .header('Authorization', authorization)
        .json(body)

    // Group III: not entitled.
    const first = await push({
      mode: 'snapshot',
      batch_date: today,
      persons: [janis],
      facts: [
        {
          personal_code: JANIS,
          attribute: 'disability.group',
          value: 'III',
          valid_from: '2019-01-01',
        },
      ],
    })
    first.assertBodyContains({ accepted: 2, rejected: [] })
    await queue.drain()
    const person = await db
      .from('persons')
      .where('code_hash', personalCodeHash(JANIS))
      .firstOrFail()
    assert.lengthOf(await currentEntitlements(person.id), 0)

    // The commission decides group II from today: the snapshot ends III yesterday.
    const started = performance.now()
    const second = await push({
      mode: 'snapshot',
      batch_date: today,
      facts: [
        { personal_code: JANIS, attribute: 'disability.group', value: 'II', valid_from: today },
      ],
    })
    second.assertBodyContains({ accepted: 1, rejected: [] })
    await queue.drain()
    const elapsed = performance.now() - started
    const rows = await currentEntitlements(person.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].benefit_id, benefit.id)
    assert.equal(rows[0].valid_from, today)
    assert.isNull(rows[0].valid_to)
    assert.isBelow(elapsed, 5_000, 'push → stored entitlement (the target is ~1 s with a worker)')

    // Staff open the explanation: it shows the new fact, from the pushing source.
    const { user } = await makeMember(tenant, 'benefit_manager')
    const page = await client
      .get(`/staff/entitlements/persons/${person.id}/benefits/disability`)
      .qs({ at: today })
      .loginAs(user)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as any
    assert.isTrue(props.entitled)
    const facts = JSON.stringify(props.explanation)
    assert.include(facts, '"value":"II"')
    assert.include(facts, '"source":"pmlp"')
    assert.include(facts, `"from":"${today}"`)

    // And yesterday the person was not entitled (group III then).
    const before = await client
      .get(`/staff/entitlements/persons/${person.id}/benefits/disability`)
      .qs({ at: addDays(today, -1) })
      .loginAs(user)
      .withInertia()
    assert.isFalse((before.inertiaProps as any).entitled)
  })

  test('a file import run by the portal job also dispatches the incremental pass', async ({
    assert,
  }) => {
    const { source } = await sourceWithClient({ code: 'pmlp' })
    const files = await writeFileSet({
      persons: `${PERSONS_HEADER}\n${JANIS},Jānis,Bērziņš,1975-11-16,\n`,
    })
    const [row] = await db
      .table('register_imports')
      .insert({
        data_source_id: source.id,
        mode: 'delta',
        status: 'queued',
        origin: 'portal',
        phase: 'queued',
        batch_date: todayInRiga(),
        started_at: new Date(),
        upload_dir: files.dir,
      })
      .returning('id')
    const importId = Number(row.id ?? row)
    const fake = queue.fake()
    try {
      await new ImportFileSetJob().handle({ tenantId: null, importId })
      fake.assertDispatchedCount(IncrementalJob, 1)
      // The same file set again changes nothing, so nothing is dispatched.
      const again = await db
        .table('register_imports')
        .insert({
          data_source_id: source.id,
          mode: 'delta',
          status: 'queued',
          origin: 'portal',
          phase: 'queued',
          batch_date: todayInRiga(),
          started_at: new Date(),
          upload_dir: files.dir,
        })
        .returning('id')
      await new ImportFileSetJob().handle({
        tenantId: null,
        importId: Number(again[0].id ?? again[0]),
      })
      fake.assertDispatchedCount(IncrementalJob, 1)
    } finally {
      queue.restore()
      await files.cleanup()
    }
    const imported = await db.from('register_imports').where('id', importId).firstOrFail()
    assert.equal(imported.status, 'succeeded')
  })
})
