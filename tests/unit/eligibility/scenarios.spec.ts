import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { type RuleScenario, checkRule, runScenarios } from '#eligibility/main'
import { context } from '#tests/unit/eligibility/fixtures'

const seniors: RuleScenario[] = [
  {
    name: 'Seniors declared in Riga',
    date: '2026-03-15',
    persons: [
      {
        name: 'Anna turns 65 today',
        birthDate: '1961-03-15',
        facts: [{ attribute: 'residence.municipality', value: 'Rīga', from: '1990-01-01' }],
        expected: true,
      },
      {
        name: 'Pēteris turns 65 tomorrow',
        birthDate: '1961-03-16',
        facts: [{ attribute: 'residence.municipality', value: 'Rīga' }],
        expected: false,
      },
      {
        name: 'Ilze lives in Jūrmala',
        birthDate: '1950-01-01',
        facts: [{ attribute: 'residence.municipality', value: 'Jūrmala' }],
        expected: false,
      },
    ],
  },
]

function checked(source: string) {
  const result = checkRule(source, context)
  if (!result.ok) throw new Error(result.errors[0].message.en)
  return result
}

test.group('Rule scenarios', () => {
  test('passing scenarios report every person as passed', ({ assert }) => {
    const report = runScenarios(checked('age >= 65 && municipality == "Rīga"'), seniors)
    assert.deepInclude(report, { passed: true, total: 3, failed: 0 })
    assert.deepEqual(
      report.scenarios[0].persons.map((person) => [person.name, person.actual, person.passed]),
      [
        ['Anna turns 65 today', true, true],
        ['Pēteris turns 65 tomorrow', false, true],
        ['Ilze lives in Jūrmala', false, true],
      ]
    )
  })

  test('a failing scenario names the person and explains the answer', ({ assert }) => {
    const report = runScenarios(checked('age >= 66 && municipality == "Rīga"'), seniors)
    assert.deepInclude(report, { passed: false, total: 3, failed: 1 })
    const anna = report.scenarios[0].persons[0]
    assert.deepInclude(anna, { name: 'Anna turns 65 today', expected: true, actual: false })
    assert.equal(anna.explanation?.children?.[0].expression, 'age >= 66')
    assert.equal(anna.explanation?.children?.[0].age, 65)
  })

  test('scenarios are plain data that survive JSON', ({ assert }) => {
    const scenarios: RuleScenario[] = JSON.parse(
      JSON.stringify([
        {
          name: 'Orphans and pupils',
          date: '2026-06-18',
          persons: [
            {
              name: 'status ended yesterday',
              birthDate: '2008-01-10',
              facts: [{ attribute: 'status.orphan', value: 'true', to: '2026-06-17' }],
              expected: false,
            },
            {
              name: 'pupil in a Riga group, with a pupil card',
              birthDate: '2014-01-10',
              groups: ['riga_pupils'],
              identifiers: [{ type: 'pupil_card', from: '2025-09-01' }],
              expected: true,
            },
          ],
        },
      ])
    )
    const rule = checked(
      '(holds("status.orphan") && age < 24) || (in_group("riga_pupils") && has_identifier("pupil_card"))'
    )
    const report = runScenarios(rule, scenarios)
    assert.isTrue(report.passed)
    assert.doesNotThrow(() => JSON.stringify(report))
  })

  test('invalid scenario data fails the person with a reason', ({ assert }) => {
    const report = runScenarios(checked('fact("disability.group") == "I"'), [
      {
        name: 'Bad data',
        date: '2026-01-01',
        persons: [
          {
            name: 'group IV',
            facts: [{ attribute: 'disability.group', value: 'IV' }],
            expected: true,
          },
          { name: 'bad birth date', birthDate: '1990-02-30', expected: false },
        ],
      },
      { name: 'Bad date', date: '2026-13-01', persons: [{ name: 'x', expected: false }] },
    ])
    assert.deepInclude(report, { passed: false, total: 3, failed: 3 })
    assert.include(report.scenarios[0].persons[0].error, 'disability.group')
    assert.include(report.scenarios[0].persons[1].error, 'birthDate')
    assert.include(report.scenarios[1].error, 'date')
  })
})

test.group('Rule language translations', () => {
  test('Latvian and English have the same keys', ({ assert }) => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => keys(child, `${prefix}${key}.`))
        : [prefix]
    const read = (locale: string) =>
      JSON.parse(
        readFileSync(
          new URL(`../../../resources/lang/${locale}/rules.json`, import.meta.url),
          'utf8'
        )
      )
    assert.deepEqual(keys(read('lv')).sort(), keys(read('en')).sort())
  })

  test('every error code has a message in both languages', ({ assert }) => {
    const sources = ['agee >= 1', 'age >= "1"', 'in_group("x")', 'holds()', '1', 'a ==', '(a']
    for (const source of sources) {
      const result = checkRule(source, context)
      assert.isFalse(result.ok)
      if (result.ok) continue
      for (const error of result.errors) {
        assert.notInclude(error.message.en, 'errors.')
        assert.notInclude(error.message.lv, 'errors.')
        assert.notMatch(error.message.en, /\{\w+\}/)
        assert.notMatch(error.message.lv, /\{\w+\}/)
        assert.notEqual(error.message.lv, error.message.en)
      }
    }
  })
})
