import { test } from '@japa/runner'
import {
  MUNICIPALITIES,
  findMunicipality,
  isMunicipalityValidDuring,
  isMunicipalityValidOn,
  municipalitiesValidOn,
} from '#registers/municipalities'

test.group('Municipalities', () => {
  test('lists 43 municipalities on 2021-07-01: 7 state cities and 36 novadi', ({ assert }) => {
    const valid = municipalitiesValidOn('2021-07-01')
    assert.lengthOf(valid, 43)
    assert.lengthOf(
      valid.filter((m) => m.kind === 'state_city'),
      7
    )
    assert.lengthOf(
      valid.filter((m) => m.kind === 'municipality'),
      36
    )
    assert.sameMembers(
      valid.filter((m) => m.kind === 'state_city').map((m) => m.nameLv),
      ['Daugavpils', 'Jelgava', 'Jūrmala', 'Liepāja', 'Rēzekne', 'Rīga', 'Ventspils']
    )
  })

  test('lists none before the 2021 reform', ({ assert }) => {
    assert.lengthOf(municipalitiesValidOn('2021-06-30'), 0)
  })

  test('lists 42 municipalities from 2025-07-01', ({ assert }) => {
    assert.lengthOf(municipalitiesValidOn('2025-07-01'), 42)
    assert.lengthOf(municipalitiesValidOn('2030-01-01'), 42)
  })

  test('keeps Varakļānu novads until 2025-06-30 and not after', ({ assert }) => {
    assert.isTrue(isMunicipalityValidOn('Varakļānu novads', '2025-06-30'))
    assert.isFalse(isMunicipalityValidOn('Varakļānu novads', '2025-07-01'))
    assert.isTrue(isMunicipalityValidOn('Madonas novads', '2025-07-01'))
  })

  test('knows official names and rejects unknown ones', ({ assert }) => {
    assert.isTrue(isMunicipalityValidOn('Rīga', '2024-01-01'))
    assert.isTrue(isMunicipalityValidOn('Ķekavas novads', '2024-01-01'))
    assert.isFalse(isMunicipalityValidOn('Riga', '2024-01-01'))
    assert.isFalse(isMunicipalityValidOn('Rīgas rajons', '2024-01-01'))
    assert.isUndefined(findMunicipality('rīga'))
  })

  test('checks a whole fact period against the municipality period', ({ assert }) => {
    assert.isTrue(isMunicipalityValidDuring('Varakļānu novads', '2022-01-01', '2025-06-30'))
    assert.isFalse(isMunicipalityValidDuring('Varakļānu novads', '2022-01-01', null))
    assert.isFalse(isMunicipalityValidDuring('Rīga', '2021-06-30', null))
    assert.isTrue(isMunicipalityValidDuring('Rīga', '2021-07-01', null))
  })

  test('has unique codes and names and a population weight for each', ({ assert }) => {
    assert.equal(new Set(MUNICIPALITIES.map((m) => m.code)).size, 43)
    assert.equal(new Set(MUNICIPALITIES.map((m) => m.nameLv)).size, 43)
    const total = MUNICIPALITIES.reduce((sum, m) => sum + m.population, 0)
    assert.isAbove(total, 1_750_000)
    assert.isBelow(total, 2_000_000)
  })
})
