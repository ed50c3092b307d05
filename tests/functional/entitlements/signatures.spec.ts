import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { addDays } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import RecordDecision from '#entitlements/actions/record_decision'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import {
  addFact,
  currentEntitlements,
  grantorWithBenefit,
  makePerson,
  makeSource,
  fullRun,
  periods,
} from './fixtures.js'

async function signatureOf(personId: number) {
  const signed = await signatures()
  return signed.get(personId)
}

async function signatures() {
  const rows = await db.from('entitlement_signatures').orderBy('person_id')
  return new Map(rows.map((row) => [Number(row.person_id), String(row.signature)]))
}

test.group('Entitlement engine: per-person signatures', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('a full run signs every person it evaluates and a re-run leaves them as they are', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    const source = await makeSource()
    await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    const senior = await makePerson('1940-02-02')
    // dies young: never 65, never entitled
    const young = await makePerson('1999-02-02', '2021-05-05')
    const disabled = await makePerson('1980-02-02')
    await grantorWithBenefit(tenant, 'disability', 'holds("disability.group")')
    await addFact(disabled.id, source.id, 'disability.group', 'II', '2019-01-01')

    await fullRun(2)
    const signed = await signatures()
    for (const person of [senior, young, disabled]) assert.isTrue(signed.has(person.id))
    assert.equal(signed.get(young.id), '0')
    assert.notEqual(signed.get(senior.id), signed.get(disabled.id))

    const again = await fullRun(2)
    assert.deepInclude(again.total, { granted: 0, ended: 0, changed: 0 })
    assert.deepEqual(await signatures(), signed)
  })

  test('a fact changed without a change-log row still reaches the store on the next full run', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    const source = await makeSource()
    await grantorWithBenefit(tenant, 'disability', 'fact("disability.group") == "I"')
    const person = await makePerson('1970-01-01')
    await addFact(person.id, source.id, 'disability.group', 'I', '2019-01-01')
    await fullRun(2)
    const before = await signatureOf(person.id)

    const ends = addDays(today, 20)
    await db.from('facts').where('person_id', person.id).update({ valid_to: ends })
    const { total } = await fullRun(2)
    assert.deepInclude(total, { granted: 0, ended: 0, changed: 1 })
    assert.deepEqual(periods(await currentEntitlements(person.id)), [['2020-01-01', ends]])
    assert.notEqual(await signatureOf(person.id), before)
  })

  test('a manual decision re-signs the person, so the next full run writes nothing', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    const person = await makePerson('1950-06-01')
    await fullRun(2)
    const before = await signatureOf(person.id)

    await new RecordDecision().handle({
      tenantId: tenant.id,
      personId: person.id,
      benefitCode: 'seniors',
      kind: 'revoke',
      validFrom: addDays(today, 3),
      validTo: addDays(today, 9),
      reason: 'Checked by hand',
      actor: { userId: null, label: 'test' },
    })
    const after = await signatureOf(person.id)
    assert.notEqual(after, before)
    assert.lengthOf(await currentEntitlements(person.id), 2)

    const { total } = await fullRun(2)
    assert.deepInclude(total, { granted: 0, ended: 0, changed: 0 })
    assert.equal(await signatureOf(person.id), after)
  })

  test('without stored signatures a run diffs every person and still writes nothing new', async ({
    assert,
  }) => {
    const tenant = await makeTenant()
    await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    for (let i = 0; i < 5; i++) await makePerson(`19${30 + i * 15}-03-0${1 + i}`)
    await fullRun(2)
    const signed = await signatures()
    const stored = await db.from('entitlements').orderBy('id')
    await db.from('entitlement_signatures').delete()

    const { total } = await fullRun(2)
    assert.deepInclude(total, { granted: 0, ended: 0, changed: 0 })
    assert.deepEqual(await db.from('entitlements').orderBy('id'), stored)
    assert.deepEqual(await signatures(), signed)
  })
})
