import { test } from '@japa/runner'
import {
  MUNICIPALITIES,
  MUNICIPALITIES_2021,
  findMunicipality,
  isMunicipalityValidDuring,
  isMunicipalityValidOn,
  municipalitiesValidOn,
  municipalityProblem,
  normalizeMunicipalityName,
  suggestMunicipality,
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

  test('lists 9 republic cities and 110 novadi on 2015-01-01', ({ assert }) => {
    const valid = municipalitiesValidOn('2015-01-01')
    assert.lengthOf(valid, 119)
    assert.sameMembers(
      valid.filter((m) => m.kind === 'state_city').map((m) => m.nameLv),
      [
        'Daugavpils',
        'Jelgava',
        'Jēkabpils',
        'Jūrmala',
        'Liepāja',
        'Rēzekne',
        'Rīga',
        'Valmiera',
        'Ventspils',
      ]
    )
    assert.lengthOf(
      valid.filter((m) => m.kind === 'municipality'),
      110
    )
    assert.lengthOf(municipalitiesValidOn('2021-06-30'), 119)
  })

  test('lists 109 novadi from 2009-07-01 until Mērsraga novads on 2011-01-03', ({ assert }) => {
    assert.lengthOf(municipalitiesValidOn('2009-06-30'), 0)
    assert.lengthOf(municipalitiesValidOn('2009-07-01'), 118)
    assert.lengthOf(municipalitiesValidOn('2011-01-02'), 118)
    assert.lengthOf(municipalitiesValidOn('2011-01-03'), 119)
  })

  test('lists 43 on 2022-01-01 and 42 from 2025-07-01', ({ assert }) => {
    assert.lengthOf(municipalitiesValidOn('2022-01-01'), 43)
    assert.lengthOf(municipalitiesValidOn('2025-06-30'), 43)
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
    assert.equal(findMunicipality('Rīga')?.code, 'riga')
    assert.equal(findMunicipality('Salas novads')?.code, 'salas-novads-2009')
  })

  test('gives every 2009 unit its 2021 successor', ({ assert }) => {
    const units2009 = MUNICIPALITIES.filter((m) => m.validTo === '2021-06-30')
    assert.lengthOf(units2009, 119)
    for (const m of units2009) {
      const successor = MUNICIPALITIES.find((s) => s.code === m.successor)
      assert.equal(successor?.validFrom, '2021-07-01', m.code)
    }
    const successorOf = (code: string) =>
      MUNICIPALITIES.find((s) => s.code === MUNICIPALITIES.find((m) => m.code === code)!.successor)
        ?.nameLv
    assert.equal(successorOf('salas-novads-2009'), 'Jēkabpils novads')
    assert.equal(successorOf('jekabpils-2009'), 'Jēkabpils novads')
    assert.equal(successorOf('stopinu-novads-2009'), 'Ropažu novads')
    assert.equal(successorOf('salaspils-novads-2009'), 'Salaspils novads')
    assert.equal(successorOf('varaklanu-novads'), 'Madonas novads')
  })

  test('checks a whole fact period against the municipality period', ({ assert }) => {
    assert.isTrue(isMunicipalityValidDuring('Varakļānu novads', '2022-01-01', '2025-06-30'))
    assert.isFalse(isMunicipalityValidDuring('Varakļānu novads', '2022-01-01', null))
    assert.isTrue(isMunicipalityValidDuring('Rīga', '2021-06-30', null))
    assert.isTrue(isMunicipalityValidDuring('Rīga', '2021-07-01', null))
  })

  test('accepts a name of the earliest list before 2009-07-01, and no other', ({ assert }) => {
    assert.isTrue(isMunicipalityValidDuring('Rīga', '2000-01-01', null))
    assert.isTrue(isMunicipalityValidDuring('Ķekavas novads', '1995-03-01', null))
    assert.isTrue(isMunicipalityValidDuring('Salas novads', '2000-01-01', '2021-06-30'))
    assert.isFalse(isMunicipalityValidDuring('Augšdaugavas novads', '2000-01-01', null))
    assert.isFalse(isMunicipalityValidDuring('Mērsraga novads', '2009-07-01', '2012-01-01'))
    assert.isTrue(isMunicipalityValidDuring('Mērsraga novads', '2011-01-03', '2021-06-30'))
  })

  test('counts a unit that keeps its name across the 2021 reform as one', ({ assert }) => {
    assert.isTrue(isMunicipalityValidDuring('Ķekavas novads', '2015-01-01', null))
    assert.isTrue(isMunicipalityValidDuring('Salaspils novads', '2015-01-01', null))
    assert.isTrue(isMunicipalityValidDuring('Jēkabpils novads', '2015-01-01', null))
    assert.isFalse(isMunicipalityValidDuring('Jēkabpils', '2015-01-01', null))
  })

  test('names the first day out of force and the successor of an ended unit', ({ assert }) => {
    assert.isNull(municipalityProblem('Salas novads', '2010-01-01', '2021-06-30'))
    assert.deepEqual(municipalityProblem('Salas novads', '2010-01-01', '2022-01-01'), {
      kind: 'ended',
      name: 'Salas novads',
      day: '2021-07-01',
      successor: 'Jēkabpils novads',
    })
    assert.deepEqual(municipalityProblem('Varakļānu novads', '2010-01-01', null), {
      kind: 'ended',
      name: 'Varakļānu novads',
      day: '2025-07-01',
      successor: 'Madonas novads',
    })
    assert.deepEqual(municipalityProblem('Augšdaugavas novads', '2000-01-01', null), {
      kind: 'not_yet',
      name: 'Augšdaugavas novads',
      from: '2021-07-01',
      predecessors: ['Daugavpils novads', 'Ilūkstes novads'],
    })
  })

  test('compares and stores names in NFC', ({ assert }) => {
    const decomposed = 'Ķekavas novads'.normalize('NFD')
    assert.notEqual(decomposed, 'Ķekavas novads')
    assert.equal(normalizeMunicipalityName(decomposed), 'Ķekavas novads')
    assert.isTrue(isMunicipalityValidDuring(decomposed, '2015-01-01', null))
    assert.isNull(municipalityProblem(decomposed, '2022-01-01', null))
  })

  test('suggests the official name for a misspelt one', ({ assert }) => {
    assert.equal(suggestMunicipality('Riga', '2000-01-01', null), 'Rīga')
    assert.equal(suggestMunicipality('kekavas novads', '2022-01-01', null), 'Ķekavas novads')
    assert.equal(suggestMunicipality(' Rīga ', '2022-01-01', null), 'Rīga')
    assert.equal(suggestMunicipality('Saldus novadz', '2022-01-01', null), 'Saldus novads')
    assert.equal(suggestMunicipality('Salas novads', '2010-01-01', '2012-01-01'), 'Salas novads')
    assert.isNull(suggestMunicipality('Rīgas rajons', '2022-01-01', null))
    assert.deepEqual(municipalityProblem('Riga', '2000-01-01', null), {
      kind: 'unknown',
      name: 'Riga',
      suggestion: 'Rīga',
    })
  })

  test('has unique codes and a population weight for each unit of 2021', ({ assert }) => {
    assert.equal(new Set(MUNICIPALITIES.map((m) => m.code)).size, 162)
    assert.equal(new Set(MUNICIPALITIES_2021.map((m) => m.nameLv)).size, 43)
    const total = MUNICIPALITIES_2021.reduce((sum, m) => sum + m.population, 0)
    assert.isAbove(total, 1_750_000)
    assert.isBelow(total, 2_000_000)
  })
})
