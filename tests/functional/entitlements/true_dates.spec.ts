import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient as HttpClient } from '@japa/api-client'
import { freezeToday } from '#platform/calendar/today_in_riga'
import { incrementalPass } from '#entitlements/engine/service'
import type Tenant from '#tenancy/models/tenant'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import {
  addFact,
  currentEntitlements,
  fullRun,
  grantorWithBenefit,
  makePerson,
  makeSource,
  periods,
} from './fixtures.js'

/*
 * Stored entitlement dates are the true ones, whatever today is: every expected date below is
 * written out, and "today" is fixed (the day the tester reported the horizon bug, then years
 * later) to show it does not matter.
 */

const REPORTED_ON = '2025-12-07'

async function api(http: HttpClient, tenant: Tenant) {
  const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
  const bearer = await bearerFor(apiClient)
  return {
    async list(code: string, at?: string) {
      const response = await http
        .get('/api/v1/entitlements')
        .qs(at ? { personal_code: code, at } : { personal_code: code })
        .header('Authorization', bearer)
      response.assertStatus(200)
      return response.body().data as {
        benefit: string
        valid_from: string
        valid_to: string | null
      }[]
    },
    async explain(code: string, benefit: string, at: string) {
      const response = await http
        .get('/api/v1/entitlements/explain')
        .qs({ personal_code: code, benefit, at })
        .header('Authorization', bearer)
      response.assertStatus(200)
      return response.body().data as { entitled: boolean; rule_holds: boolean | null }
    },
  }
}

/** The grantor's benefits, all in effect since 1995 unless a test says otherwise. */
async function grantor() {
  const tenant = await makeTenant()
  const source = await makeSource()
  const since = { effectiveFrom: '1995-01-01' }
  await grantorWithBenefit(tenant, 'disability', 'fact("disability.group") in ["I", "II"]', since)
  await grantorWithBenefit(tenant, 'children', 'age < 18', since)
  await grantorWithBenefit(tenant, 'orphans', 'holds("status.orphan") && age < 24', since)
  await grantorWithBenefit(tenant, 'seniors', 'age >= 65', since)
  return { tenant, source }
}

test.group('Entitlement dates: true whatever today is', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => () => freezeToday(null))
  group.each.timeout(60_000)

  test('the tester’s disability group II case: the API and the explanation agree on every day', async ({
    client,
    assert,
  }) => {
    freezeToday(REPORTED_ON)
    const { tenant, source } = await grantor()
    const person = await makePerson('1980-05-05')
    await addFact(person.id, source.id, 'disability.group', 'II', '2025-01-01', '2027-12-31')
    await fullRun()
    const grantorApi = await api(client, tenant)

    // Without `at`, the API answers for today (fixed here to the day of the report).
    const listed = await grantorApi.list(person.code)
    assert.deepEqual(
      listed.map((row) => [row.benefit, row.valid_from, row.valid_to]),
      [['disability', '2025-01-01', '2027-12-31']]
    )

    assert.deepEqual(await grantorApi.list(person.code, '2028-06-01'), [])
    assert.deepInclude(await grantorApi.explain(person.code, 'disability', '2028-06-01'), {
      entitled: false,
      rule_holds: false,
    })

    const june2025 = await grantorApi.list(person.code, '2025-06-01')
    assert.deepEqual(
      june2025.map((row) => [row.benefit, row.valid_from, row.valid_to]),
      [['disability', '2025-01-01', '2027-12-31']]
    )
    assert.deepInclude(await grantorApi.explain(person.code, 'disability', '2025-06-01'), {
      entitled: true,
      rule_holds: true,
    })

    // The bounds themselves: entitled on the first and last day, not on the days around them.
    for (const [at, entitled] of [
      ['2024-12-31', false],
      ['2025-01-01', true],
      ['2027-12-31', true],
      ['2028-01-01', false],
    ] as const) {
      const rows = await grantorApi.list(person.code, at)
      assert.equal(rows.length === 1, entitled, at)
      assert.deepInclude(
        await grantorApi.explain(person.code, 'disability', at),
        { entitled, rule_holds: entitled },
        at
      )
    }
  })

  test('a fact from 2000 and birthdays decades ahead give exact dates, asked in 2010 and 2040', async ({
    client,
    assert,
  }) => {
    freezeToday(REPORTED_ON)
    const { tenant, source } = await grantor()
    const veteran = await makePerson('1962-10-20')
    await addFact(veteran.id, source.id, 'disability.group', 'I', '2000-01-01')
    const child = await makePerson('2020-03-15')
    const orphan = await makePerson('2010-07-31')
    await addFact(orphan.id, source.id, 'status.orphan', 'true', '2015-01-01')
    const ending = await makePerson('1990-01-01')
    await addFact(ending.id, source.id, 'disability.group', 'II', '2023-04-01', '2027-12-07')
    await fullRun()

    const benefits = await db.from('benefits').where('tenant_id', tenant.id).select('id', 'code')
    const benefitIds = new Map(benefits.map((row) => [row.id, row.code]))
    const stored = async (personId: number) => {
      const rows = await currentEntitlements(personId)
      return rows.map((row) => [benefitIds.get(row.benefit_id), row.valid_from, row.valid_to])
    }
    assert.sameDeepMembers(await stored(veteran.id), [
      ['disability', '2000-01-01', null],
      ['seniors', '2027-10-20', null],
    ])
    assert.sameDeepMembers(await stored(child.id), [
      ['children', '2020-03-15', '2038-03-14'],
      ['seniors', '2085-03-15', null],
    ])
    assert.sameDeepMembers(await stored(orphan.id), [
      ['children', '2010-07-31', '2028-07-30'],
      ['orphans', '2015-01-01', '2034-07-30'],
      ['seniors', '2075-07-31', null],
    ])
    assert.sameDeepMembers(await stored(ending.id), [
      ['children', '1995-01-01', '2007-12-31'],
      ['disability', '2023-04-01', '2027-12-07'],
      ['seniors', '2055-01-01', null],
    ])

    const grantorApi = await api(client, tenant)
    const cases = [
      { person: veteran, benefit: 'disability', at: '2010-01-01', entitled: true },
      { person: veteran, benefit: 'disability', at: '2040-01-01', entitled: true },
      { person: veteran, benefit: 'seniors', at: '2027-10-19', entitled: false },
      { person: veteran, benefit: 'seniors', at: '2027-10-20', entitled: true },
      { person: child, benefit: 'children', at: '2010-01-01', entitled: false },
      { person: child, benefit: 'children', at: '2038-03-14', entitled: true },
      { person: child, benefit: 'children', at: '2038-03-15', entitled: false },
      { person: child, benefit: 'children', at: '2040-01-01', entitled: false },
      { person: orphan, benefit: 'orphans', at: '2034-07-30', entitled: true },
      { person: orphan, benefit: 'orphans', at: '2034-07-31', entitled: false },
      { person: ending, benefit: 'disability', at: '2027-12-07', entitled: true },
      { person: ending, benefit: 'disability', at: '2027-12-08', entitled: false },
    ]
    for (const { person, benefit, at, entitled } of cases) {
      const message = `${benefit} for ${person.code} on ${at}`
      const rows = await grantorApi.list(person.code, at)
      assert.equal(
        rows.some((row) => row.benefit === benefit),
        entitled,
        message
      )
      assert.deepInclude(
        await grantorApi.explain(person.code, benefit, at),
        { entitled, rule_holds: entitled },
        message
      )
    }
  })

  test('the day of death is the last entitled day', async ({ assert }) => {
    freezeToday(REPORTED_ON)
    const { source } = await grantor()
    const person = await makePerson('1950-02-01', '2030-06-15')
    await addFact(person.id, source.id, 'disability.group', 'I', '2001-09-01')
    await fullRun()
    assert.sameDeepMembers(periods(await currentEntitlements(person.id)), [
      ['2001-09-01', '2030-06-15'],
      ['2015-02-01', '2030-06-15'],
    ])
  })

  test('years later the same store is right: a full run and an incremental pass write nothing', async ({
    assert,
  }) => {
    freezeToday(REPORTED_ON)
    const { source } = await grantor()
    const person = await makePerson('1980-05-05')
    await addFact(person.id, source.id, 'disability.group', 'II', '2025-01-01', '2027-12-31')
    const child = await makePerson('2020-03-15')
    await fullRun()
    const stored = await db.from('entitlements').orderBy('id')

    for (const today of ['2026-12-07', '2031-02-01', '2041-06-30']) {
      freezeToday(today)
      const { total } = await fullRun()
      assert.deepInclude(total, { granted: 0, ended: 0, changed: 0 }, today)
      await db.table('change_log').insert({
        person_id: child.id,
        entity: 'fact',
        action: 'created',
        attribute: null,
        created_at: new Date(),
      })
      const pass = await incrementalPass()
      assert.deepInclude(pass!, { persons: 1, granted: 0, ended: 0, changed: 0 }, today)
    }
    assert.deepEqual(await db.from('entitlements').orderBy('id'), stored)
    assert.deepEqual(periods(await currentEntitlements(person.id)).at(0), [
      '2025-01-01',
      '2027-12-31',
    ])
  })
})
