import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { addDays } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { addYears } from '#platform/calendar/calendar_dates'
import { forgetEngineSetups, incrementalPass } from '#entitlements/engine/service'
import { personalCodeHash } from '#registers/personal_code_protection'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import {
  addFact,
  currentEntitlements,
  grantorWithBenefit,
  makeListGroup,
  makePerson,
  makeSource,
  fullRun,
  periods,
} from './fixtures.js'

async function changeCount() {
  const row = await db.from('entitlement_changes').count('* as n').first()
  return Number(row?.n ?? 0)
}

/** The 15th of the month after next: a status that ends mid-month. */
function midMonth(today: string) {
  const next = addDays(today.slice(0, 8) + '01', 45)
  return next.slice(0, 8) + '15'
}

test.group('Entitlement engine: full runs into the store', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('entitlements start and end exactly at the breakpoints of facts, ages and memberships', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    const source = await makeSource()
    const seniors = await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    const disability = await grantorWithBenefit(
      tenant,
      'disability',
      'fact("disability.group") in ["I", "II"]'
    )
    const riga = await grantorWithBenefit(tenant, 'riga', 'municipality == "Rīga"')
    const pupilsGroup = await makeListGroup(tenant, seniors.author, 'riga_pupils')
    const pupils = await grantorWithBenefit(tenant, 'pupils', 'in_group("riga_pupils")')

    const birthday = addDays(today, 30)
    const senior = await makePerson(addYears(birthday, -65))
    const ends = midMonth(today)
    const disabled = await makePerson('1980-05-05')
    const disabilityFact = await addFact(
      disabled.id,
      source.id,
      'disability.group',
      'II',
      '2015-01-01',
      ends
    )
    const moved = addDays(today, 10)
    const mover = await makePerson('1990-01-01')
    await addFact(
      mover.id,
      source.id,
      'residence.municipality',
      'Rīga',
      '2015-01-01',
      addDays(moved, -1)
    )
    await addFact(mover.id, source.id, 'residence.municipality', 'Jūrmala', moved)
    const pupil = await makePerson('2012-09-01')
    const leaves = addDays(today, 60)
    await db.table('person_group_members').insert({
      tenant_id: tenant.id,
      group_id: pupilsGroup.id,
      person_code_hash: personalCodeHash(pupil.code),
      valid_from: '2020-09-01',
      valid_to: leaves,
      created_at: new Date(),
      updated_at: new Date(),
    })

    const { run } = await fullRun(3)
    assert.equal(run.status, 'finished')
    assert.equal(run.chunks_done, run.chunks_total)

    const seniorRows = await currentEntitlements(senior.id)
    assert.deepEqual(periods(seniorRows), [[birthday, null]])
    assert.equal(seniorRows[0].benefit_id, seniors.benefit.id)
    assert.equal(seniorRows[0].version_id, seniors.version.id)
    assert.equal(seniorRows[0].source, 'rule')

    const disabledAll = await currentEntitlements(disabled.id)
    const disabledRows = disabledAll.filter((row) => row.benefit_id === disability.benefit.id)
    assert.deepEqual(periods(disabledRows), [['2020-01-01', ends]])
    assert.equal(disabledRows[0].benefit_id, disability.benefit.id)
    assert.deepEqual(disabledRows[0].explanation.facts, [disabilityFact])
    assert.equal(disabledRows[0].version_id, disability.version.id)

    const moverAll = await currentEntitlements(mover.id)
    const moverRows = moverAll.filter((row) => row.benefit_id === riga.benefit.id)
    assert.deepEqual(periods(moverRows), [['2020-01-01', addDays(moved, -1)]])
    assert.equal(moverRows[0].benefit_id, riga.benefit.id)

    const pupilAll = await currentEntitlements(pupil.id)
    const pupilRows = pupilAll.filter((row) => row.benefit_id === pupils.benefit.id)
    assert.deepEqual(periods(pupilRows), [['2020-09-01', leaves]])
    assert.equal(pupilRows[0].benefit_id, pupils.benefit.id)
    assert.equal(pupilRows[0].source, 'list')
  })

  test('a second run with no changes writes nothing and logs no change', async ({ assert }) => {
    const tenant = await makeTenant()
    const source = await makeSource()
    await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    await grantorWithBenefit(tenant, 'disability', 'holds("disability.group")')
    for (let i = 0; i < 7; i++) {
      const person = await makePerson(`19${40 + i * 8}-03-0${1 + i}`)
      if (i % 2) await addFact(person.id, source.id, 'disability.group', 'I', '2019-01-01')
    }
    const first = await fullRun(3)
    assert.isAbove(first.total.granted, 0)
    const changes = await changeCount()
    assert.equal(changes, first.total.granted)
    const stored = await db.from('entitlements').orderBy('id')

    const second = await fullRun(3)
    assert.deepInclude(second.total, { granted: 0, ended: 0, changed: 0 })
    assert.equal(await changeCount(), changes)
    assert.deepEqual(await db.from('entitlements').orderBy('id'), stored)
  })

  test('a fact ending closes the stored entitlement, keeps it as history and logs a change', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    const source = await makeSource()
    await grantorWithBenefit(tenant, 'disability', 'holds("disability.group")')
    const person = await makePerson('1970-01-01')
    const factId = await addFact(person.id, source.id, 'disability.group', 'I', '2019-01-01')
    await fullRun(3)
    assert.deepEqual(periods(await currentEntitlements(person.id)), [['2020-01-01', null]])
    const ends = addDays(today, 20)
    await db.from('facts').where('id', factId).update({ valid_to: ends })
    const { total } = await fullRun(3)
    assert.deepInclude(total, { granted: 0, ended: 0, changed: 1 })
    assert.deepEqual(periods(await currentEntitlements(person.id)), [['2020-01-01', ends]])
    const history = await db.from('entitlements').where('person_id', person.id).orderBy('id')
    assert.lengthOf(history, 2)
    assert.isNotNull(history[0].ended_at)
    const change = await db.from('entitlement_changes').orderBy('id', 'desc').firstOrFail()
    assert.equal(change.kind, 'changed')
    assert.equal(Number(change.entitlement_id), Number(history[1].id))
    assert.equal(Number(change.previous_id), Number(history[0].id))
  })

  test('a manual revocation suppresses the computed entitlement in its period and survives a full run', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    const { benefit, author } = await grantorWithBenefit(tenant, 'seniors', 'age >= 65')
    const person = await makePerson('1950-06-01')
    const other = await makePerson('1951-06-01')
    await fullRun(3)
    const revokeFrom = addDays(today, -10)
    const revokeTo = addDays(today, 40)
    await db.table('entitlement_decisions').insert({
      tenant_id: tenant.id,
      person_id: person.id,
      benefit_id: benefit.id,
      kind: 'revoke',
      valid_from: revokeFrom,
      valid_to: revokeTo,
      reason: 'Fraud investigation',
      author_id: author.id,
      author_label: author.email,
      created_at: new Date(),
    })
    await fullRun(3)
    assert.deepEqual(periods(await currentEntitlements(person.id)), [
      ['2020-01-01', addDays(revokeFrom, -1)],
      [addDays(revokeTo, 1), null],
    ])
    assert.deepEqual(periods(await currentEntitlements(other.id)), [['2020-01-01', null]])
    const again = await fullRun(3)
    assert.deepInclude(again.total, { granted: 0, ended: 0, changed: 0 })
  })

  test('an incremental pass re-evaluates only the persons in the change log and moves its cursor', async ({
    assert,
  }) => {
    const today = todayInRiga()
    const tenant = await makeTenant()
    const source = await makeSource()
    await grantorWithBenefit(tenant, 'disability', 'fact("disability.group") == "I"')
    const changed = await makePerson('1970-01-01')
    const untouched = await makePerson('1971-01-01')
    await addFact(untouched.id, source.id, 'disability.group', 'I', '2019-01-01')
    await fullRun(3)
    // The untouched person's fact changes silently (no change-log row): an incremental pass
    // must not notice it, which shows it evaluates only the persons the log names.
    await db.from('facts').where('person_id', untouched.id).update({ value: 'II' })
    await addFact(changed.id, source.id, 'disability.group', 'I', addDays(today, 5))

    forgetEngineSetups()
    const pass = await incrementalPass()
    assert.equal(pass!.persons, 1)
    assert.deepInclude(pass!, { granted: 1, ended: 0, changed: 0 })
    assert.deepEqual(periods(await currentEntitlements(changed.id)), [[addDays(today, 5), null]])
    assert.lengthOf(await currentEntitlements(untouched.id), 1)
    const last = await db.from('entitlement_changes').orderBy('id', 'desc').firstOrFail()
    assert.equal(Number(last.person_id), changed.id)
    assert.equal(last.kind, 'granted')

    const idle = await incrementalPass()
    assert.equal(idle!.persons, 0)
  })
})
