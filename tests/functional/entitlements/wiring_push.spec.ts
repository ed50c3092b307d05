import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import queue from '#platform/services/queue'
import { addDays } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { forgetEngineSetups } from '#entitlements/engine/service'
import { personalCodeHash } from '#registers/personal_code_protection'
import type Tenant from '#tenancy/models/tenant'
import IncrementalJob from '#entitlements/jobs/incremental_job'
import ImportFileSetJob from '#registers/jobs/import_file_set_job'
import { PERSONS_HEADER, writeFileSet } from '../registers/import_support.js'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { buildOldPersonalCode } from '#registers/personal_code'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
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
  await db.connection('owner').rawQuery(`TRUNCATE ${ENTITLEMENT_TABLES} RESTART IDENTITY CASCADE`)
  for (const tenant of tenants) await db.from('benefits').where('tenant_id', tenant.id).delete()
  await emptyPushState()
  if (mark !== null) await dropAuditAfter(mark)
  for (const tenant of tenants) {
    await db.from('api_clients').where('tenant_id', tenant.id).delete()
    await tenant.delete()
  }
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

  test('residents pushed with residence histories since 2000 get their true first and last day from the grantor API, as the explanation says, for any day', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    tenants.push(tenant)
    await grantorWithBenefit(
      tenant,
      'riga-seniors',
      'fact("residence.municipality") == "Rīga" && age >= 65',
      { effectiveFrom: '1995-01-01' }
    )
    const { authorization } = await sourceWithClient({ code: 'pmlp' })
    const person = (year: number, month: number, day: number, serial: number) => ({
      personal_code: buildOldPersonalCode(year, month, day, serial),
      given_names: 'Pārbaude',
      surname: 'Vēsturiskā',
      birth_date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    })
    const lived = (p: { personal_code: string }, value: string, from: string, to?: string) => ({
      personal_code: p.personal_code,
      attribute: 'residence.municipality',
      value,
      valid_from: from,
      ...(to ? { valid_to: to } : {}),
    })
    const always = person(1950, 3, 10, 201) // in Rīga since 2000, 65 on 2015-03-10
    const moved = person(1958, 6, 20, 202) // Salaspils novads, then Rīga from 2020
    const left = person(1940, 1, 1, 203) // 65 in 2005 in Rīga, moved to Jūrmala in 2010
    const future = person(1964, 11, 30, 204) // in Rīga, 65 only on 2029-11-30
    const never = person(1945, 2, 2, 205) // Ikšķiles novads (2009 division), then Ogres novads
    const pushed = await client
      .post('/api/v1/registers/pmlp/changes')
      .header('Authorization', authorization)
      .json({
        mode: 'delta',
        persons: [always, moved, left, future, never],
        facts: [
          lived(always, 'Rīga', '2000-01-01'),
          lived(moved, 'Salaspils novads', '2000-01-01', '2019-12-31'),
          lived(moved, 'Rīga', '2020-01-01'),
          lived(left, 'Rīga', '2000-01-01', '2010-05-31'),
          lived(left, 'Jūrmala', '2010-06-01'),
          lived(future, 'Rīga', '2000-01-01'),
          lived(never, 'Ikšķiles novads'.normalize('NFD'), '2000-01-01', '2021-06-30'),
          lived(never, 'Ogres novads', '2021-07-01'),
        ],
      })
    pushed.assertStatus(200)
    pushed.assertBodyContains({ accepted: 13, rejected: [] })
    await queue.drain()

    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
    const bearer = await bearerFor(apiClient)
    const expected = new Map<string, [string, string | null] | null>([
      [always.personal_code, ['2015-03-10', null]],
      [moved.personal_code, ['2023-06-20', null]],
      [left.personal_code, ['2005-01-01', '2010-05-31']],
      [future.personal_code, ['2029-11-30', null]],
      [never.personal_code, null],
    ])
    const days = [
      '1999-06-01',
      '2005-01-01',
      '2010-05-31',
      '2010-06-01',
      '2015-03-09',
      '2015-03-10',
    ]
    days.push('2023-06-19', '2023-06-20', '2029-11-29', '2029-11-30', '2040-01-01', '2090-01-01')
    for (const [code, period] of expected) {
      for (const at of days) {
        const listed = await client
          .get('/api/v1/entitlements')
          .qs({ personal_code: code, at })
          .header('Authorization', bearer)
        listed.assertStatus(200)
        const rows = listed.body().data as { valid_from: string; valid_to: string | null }[]
        const within = period !== null && at >= period[0] && (period[1] === null || at <= period[1])
        assert.deepEqual(
          rows.map((row) => [row.valid_from, row.valid_to]),
          within ? [period] : [],
          `${code} at ${at}`
        )
        const explained = await client
          .get('/api/v1/entitlements/explain')
          .qs({ personal_code: code, benefit: 'riga-seniors', at })
          .header('Authorization', bearer)
        explained.assertStatus(200)
        assert.equal(explained.body().data.entitled, within, `explain ${code} at ${at}`)
      }
    }
  })

  test('a file import run by the portal job also dispatches the incremental pass', async ({
    assert,
  }) => {
    const { source } = await sourceWithClient({ code: 'pmlp' })
    // The job deletes an upload once imported: each run gets its own copy of the file set.
    const fileSet = { persons: `${PERSONS_HEADER}\n${JANIS},Jānis,Bērziņš,1975-11-16,\n` }
    const files = await writeFileSet(fileSet)
    const filesAgain = await writeFileSet(fileSet)
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
          upload_dir: filesAgain.dir,
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
      await filesAgain.cleanup()
    }
    const imported = await db.from('register_imports').where('id', importId).firstOrFail()
    assert.equal(imported.status, 'succeeded')
  })
})
