import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { buildOldPersonalCode } from '#registers/personal_code'
import { encryptPersonalCode, personalCodeHash } from '#registers/personal_code_protection'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { findPersonByCode, listPersonEntitlements } from '#entitlements/queries/person_entitlements'
import { entitlementsOnDayByCode } from '#entitlements/queries/entitlements_on_day_by_code'
import { addFact, fullRun, grantorWithBenefit, makePerson, makeSource } from './fixtures.js'

/** Days from 1990 to 2045, the edges of each fact period included. */
const DAYS = [
  '1990-01-01',
  '2009-12-31',
  '2015-06-30',
  '2015-07-01',
  '2019-12-31',
  '2020-01-01',
  '2024-02-29',
  '2026-12-07',
  '2031-03-31',
  '2031-04-01',
  '2045-12-31',
]

test.group('Entitlements: the grantor read in one query', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('answers what the person lookup and the day list answer, for current, former and unknown codes', async ({
    assert,
  }) => {
    const source = await makeSource('vdeava')
    const grantor = await makeTenant({ name: 'Grantor A' })
    const other = await makeTenant({ name: 'Grantor B' })
    await grantorWithBenefit(grantor, 'disability', 'fact("disability.group") in ["I", "II"]')
    await grantorWithBenefit(grantor, 'adult', 'age >= 18')
    await grantorWithBenefit(other, 'other-disability', 'fact("disability.group") == "II"')

    const persons = [
      await makePerson('1970-02-02'),
      await makePerson('2010-05-05'),
      await makePerson('1985-07-07', '2031-03-31'),
      await makePerson('2000-01-01'),
    ]
    await addFact(persons[0].id, source.id, 'disability.group', 'II', '2015-07-01')
    await addFact(persons[1].id, source.id, 'disability.group', 'I', '2015-07-01', '2031-03-31')
    await addFact(persons[2].id, source.id, 'disability.group', 'III', '2009-12-31')

    // A former code of the fourth person still finds them.
    const formerCode = buildOldPersonalCode(1999, 12, 31, 777)
    await db.table('person_code_history').insert({
      person_id: persons[3].id,
      code_hash: personalCodeHash(formerCode),
      code_encrypted: encryptPersonalCode(formerCode),
      format: 'old',
      created_at: new Date(),
    })
    await fullRun()

    const codes = [...persons.map((p) => p.code), formerCode, buildOldPersonalCode(1950, 1, 1, 1)]
    let entitledAnswers = 0
    for (const tenant of [grantor, other]) {
      for (const code of codes) {
        const personId = await findPersonByCode(code)
        for (const at of DAYS) {
          const expected = personId ? await listPersonEntitlements(tenant.id, personId, at) : []
          const actual = await entitlementsOnDayByCode(tenant.id, code, at)
          assert.equal(actual.personId, personId, `${code} person`)
          assert.deepEqual(actual.rows, expected, `${code} at ${at} for tenant ${tenant.id}`)
          entitledAnswers += expected.length
        }
      }
    }
    // The comparison is not between two empty answers.
    assert.isAbove(entitledAnswers, 20)
    const malformed = await entitlementsOnDayByCode(grantor.id, 'not-a-code', '2026-01-01')
    assert.isNull(malformed.personId)
  })
})
