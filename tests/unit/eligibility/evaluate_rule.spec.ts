import { test } from '@japa/runner'
import { celEnv, parse as celParse, plan as celPlan } from '@bufbuild/cel'
import {
  type CheckedRule,
  type PersonFacts,
  checkRule,
  compileRule,
  compileRuleSet,
  evaluatePeriods,
  evaluateSetPeriods,
  interpretRule,
  plainSnapshot,
  toPlainCel,
  isAliveOn,
} from '#eligibility/main'
import { addDays, ageOn } from '#platform/calendar/calendar_dates'
import { context, person } from '#tests/unit/eligibility/fixtures'
import { ComputedRows, PersonEvaluator } from '#entitlements/engine/evaluate_persons'
import type { LoadedRuleSet, VersionEntry } from '#entitlements/engine/rule_set'

function checked(source: string): CheckedRule {
  const result = checkRule(source, context)
  if (!result.ok) throw new Error(`${source}: ${result.errors[0].message.en}`)
  return result
}

const compile = (source: string) => compileRule(checked(source))
const span = { from: '2025-03-01', to: '2027-02-28' }

test.group('Rule evaluation over time', () => {
  test('the senior benefit starts exactly on the 65th birthday', ({ assert }) => {
    const rule = compile('age >= 65 && municipality == "Rīga"')
    const anna = person({
      birthDate: '1961-03-15',
      facts: [{ attribute: 'residence.municipality', value: 'Rīga', from: '1990-01-01' }],
    })
    assert.isFalse(rule.evaluate(anna, '2026-03-14'))
    assert.isTrue(rule.evaluate(anna, '2026-03-15'))
    assert.isFalse(rule.forDate('2026-03-14')(anna))
    assert.isTrue(rule.forDate('2026-03-15')(anna))
    assert.deepEqual(rule.breakpoints(anna, span.from), ['2026-03-15'])
    assert.deepEqual(evaluatePeriods(rule, anna, span), [{ from: '2026-03-15', to: '2027-02-28' }])
  })

  test('a person born on 29 February turns 65 on 1 March in a common year', ({ assert }) => {
    const rule = compile('age >= 65')
    const leap = person({ birthDate: '1960-02-29' })
    assert.deepEqual(evaluatePeriods(rule, leap, { from: '2025-01-01', to: '2025-12-31' }), [
      { from: '2025-03-01', to: '2025-12-31' },
    ])
    assert.isFalse(rule.forDate('2025-02-28')(leap))
    assert.isTrue(rule.forDate('2025-03-01')(leap))
  })

  test('a status ending mid-month ends the entitlement that day', ({ assert }) => {
    const rule = compile('holds("status.orphan") && age < 24')
    const janis = person({
      birthDate: '2008-01-10',
      facts: [{ attribute: 'status.orphan', value: true, from: '2015-05-01', to: '2026-06-17' }],
    })
    assert.deepEqual(evaluatePeriods(rule, janis, span), [{ from: '2025-03-01', to: '2026-06-17' }])
    assert.isTrue(rule.evaluate(janis, '2026-06-17'))
    assert.isFalse(rule.evaluate(janis, '2026-06-18'))
  })

  test('an age limit ends the entitlement on the day before the birthday', ({ assert }) => {
    const rule = compile('holds("status.orphan") && age < 24')
    const liga = person({
      birthDate: '2002-09-30',
      facts: [{ attribute: 'status.orphan', value: true }],
    })
    assert.deepEqual(evaluatePeriods(rule, liga, span), [{ from: '2025-03-01', to: '2026-09-29' }])
  })

  test('a move between municipalities moves the entitlement', ({ assert }) => {
    const riga = compile('age >= 65 && municipality == "Rīga"')
    const jurmala = compile('age >= 65 && municipality == "Jūrmala"')
    const peteris = person({
      birthDate: '1950-05-05',
      facts: [
        {
          attribute: 'residence.municipality',
          value: 'Jūrmala',
          from: '1980-01-01',
          to: '2025-10-14',
        },
        { attribute: 'residence.municipality', value: 'Rīga', from: '2025-10-15' },
      ],
    })
    assert.deepEqual(evaluatePeriods(riga, peteris, span), [
      { from: '2025-10-15', to: '2027-02-28' },
    ])
    assert.deepEqual(evaluatePeriods(jurmala, peteris, span), [
      { from: '2025-03-01', to: '2025-10-14' },
    ])
  })

  test('a group membership ending ends the entitlement', ({ assert }) => {
    const rule = compile('in_group("riga_family_support") && age >= 18')
    const ilze = person({
      birthDate: '1985-01-01',
      groups: [
        { key: 'riga_family_support', from: '2024-01-01', to: '2025-12-31' },
        { key: 'riga_family_support', from: '2026-01-01', to: '2026-08-31' },
      ],
    })
    // two back-to-back memberships are one entitlement
    assert.deepEqual(evaluatePeriods(rule, ilze, span), [{ from: '2025-03-01', to: '2026-08-31' }])
  })

  test('a person is not entitled after the day of death', ({ assert }) => {
    const rule = compile('holds("status.repressed")')
    const karlis = person({
      birthDate: '1930-01-01',
      deathDate: '2026-02-10',
      facts: [{ attribute: 'status.repressed', value: true }],
    })
    assert.deepEqual(evaluatePeriods(rule, karlis, span), [
      { from: '2025-03-01', to: '2026-02-10' },
    ])
  })

  test('grade conditions follow the school year', ({ assert }) => {
    const rule = compile('fact("education.grade") >= 1 && fact("education.grade") <= 4')
    const pupil = person({
      birthDate: '2016-04-01',
      facts: [
        { attribute: 'education.grade', value: 3, from: '2025-09-01', to: '2026-08-31' },
        { attribute: 'education.grade', value: 4, from: '2026-09-01', to: '2027-08-31' },
        { attribute: 'education.grade', value: 5, from: '2027-09-01' },
      ],
    })
    assert.deepEqual(evaluatePeriods(rule, pupil, { from: '2025-01-01', to: '2027-12-31' }), [
      { from: '2025-09-01', to: '2027-08-31' },
    ])
  })
})

test.group('Rule explanations', () => {
  test('a negative result shows each condition and the facts behind it', ({ assert }) => {
    const rule = compile('fact("disability.group") in ["I", "II"] && municipality == "Rīga"')
    const olga = person({
      birthDate: '1970-01-01',
      facts: [
        {
          attribute: 'disability.group',
          value: 'III',
          from: '2024-01-01',
          to: '2026-12-31',
          source: 'VDEĀVK',
        },
        { attribute: 'residence.municipality', value: 'Rīga', from: '2000-01-01' },
      ],
    })
    const explanation = rule.explain(olga, '2026-01-15')
    assert.equal(explanation.kind, 'all')
    assert.isFalse(explanation.value)
    const [group, residence] = explanation.children!
    assert.deepEqual(group, {
      kind: 'condition',
      expression: 'fact("disability.group") in ["I", "II"]',
      line: 1,
      column: 1,
      value: false,
      facts: [
        {
          kind: 'fact',
          attribute: 'disability.group',
          value: 'III',
          from: '2024-01-01',
          to: '2026-12-31',
          source: 'VDEĀVK',
        },
      ],
    })
    assert.include(residence, { expression: 'municipality == "Rīga"', value: true, column: 44 })
  })

  test('a missing fact is shown as missing and an age condition shows the age', ({ assert }) => {
    const rule = compile('holds("status.orphan") && age < 24')
    const explanation = rule.explain(person({ birthDate: '2000-06-01' }), '2026-01-01')
    const [orphan, age] = explanation.children!
    assert.deepEqual(orphan.facts, [
      { kind: 'fact', attribute: 'status.orphan', value: null, from: null, to: null },
    ])
    assert.include(age, { value: false, age: 25 })
    assert.equal(age.facts[0].value, '2000-06-01')
  })
})

const RULES = [
  'age >= 65 && municipality == "Rīga"',
  'age > 17 || age == 5',
  'age in [6, 7, 12] && !holds("status.orphan")',
  '70 <= age && municipality != "Rīga"',
  'fact("disability.group") in ["I", "II"] || (age < 18 && holds("disability.child"))',
  'fact("disability.group") != "III"',
  'holds("status.orphan") && age < 24',
  'fact("education.grade") >= 1 && fact("education.grade") <= 4 && fact("education.level") == "basic"',
  'fact("education.grade") > 9 ? municipality == "Rīga" : in_group("riga_pupils")',
  'in_group("riga_family_support") && has_identifier("etalons")',
  '!in_group("welfare_staff") && (holds("family.honour_card") || holds("pension.old_age"))',
  'fact("status.repressed") == true || fact("status.orphan") == false',
  'fact("employment.since") <= date("2020-06-30") && age < 67',
  'birth_date >= date("2010-01-01") && municipality in ["Rīga", "Jūrmala"]',
  'true && !(age == 40)',
]

/** A small deterministic random generator for reproducible property tests. */
function random(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

function randomPerson(rnd: () => number): PersonFacts {
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]
  const day = () => addDays('2024-01-01', Math.floor(rnd() * 1100))
  const maybeTo = (from: string) => (rnd() < 0.5 ? null : addDays(from, Math.floor(rnd() * 500)))
  const facts: {
    attribute: string
    value: string | number | boolean
    from: string
    to: string | null
  }[] = []
  const addFacts = (attribute: string, values: readonly (string | number | boolean)[]) => {
    const count = Math.floor(rnd() * 3)
    for (let i = 0; i < count; i++) {
      const from = day()
      facts.push({ attribute, value: pick(values), from, to: maybeTo(from) })
    }
  }
  addFacts('residence.municipality', ['Rīga', 'Jūrmala', 'Ogres novads'])
  addFacts('disability.group', ['I', 'II', 'III'])
  addFacts('disability.child', [true, false])
  addFacts('status.orphan', [true, false])
  addFacts('status.repressed', [true])
  addFacts('family.honour_card', ['GG1', 'GG2'])
  addFacts('pension.old_age', [true])
  addFacts('education.grade', [1, 3, 4, 5, 9, 10, 12])
  addFacts('education.level', ['basic', 'secondary', 'higher'])
  addFacts('employment.since', ['2019-01-01', '2020-06-30', '2021-01-01'])
  const periods = (keys: string[]) =>
    keys.flatMap((key) =>
      rnd() < 0.4
        ? [
            (() => {
              const from = day()
              return { key, type: key, from, to: maybeTo(from) }
            })(),
          ]
        : []
    )
  const birthDate = rnd() < 0.05 ? null : addDays('1940-01-01', Math.floor(rnd() * 31000))
  return person({
    birthDate,
    deathDate: rnd() < 0.05 ? day() : null,
    facts,
    groups: periods(['riga_pupils', 'riga_family_support', 'welfare_staff']),
    identifiers: periods(['etalons', 'eid']),
  })
}

test.group('Compiled rules against an independent evaluator', () => {
  test('compiled answers equal the @bufbuild/cel interpreter on random persons', ({ assert }) => {
    const rnd = random(20260301)
    const env = celEnv()
    const rules = RULES.map((source) => {
      const rule = checked(source)
      return {
        source,
        rule,
        compiled: compileRule(rule),
        reference: celPlan(env, celParse(toPlainCel(rule))),
      }
    })
    const set = compileRuleSet(rules.map(({ rule }) => rule))
    const out = new Uint8Array(rules.length)
    let cases = 0
    let entitled = 0
    for (let n = 0; n < 400; n++) {
      const someone = randomPerson(rnd)
      const on = addDays('2024-06-01', Math.floor(rnd() * 900))
      set.evaluate(someone, on, out)
      rules.forEach(({ source, rule, compiled, reference }, index) => {
        const snapshot = plainSnapshot(rule.references.attributes, someone, on)
        const expected = !isAliveOn(someone, on) ? false : reference(snapshot as never) === true
        const actual = compiled.evaluate(someone, on)
        const message = `${source} on ${on} for ${JSON.stringify(snapshot, (_, v) => (typeof v === 'bigint' ? Number(v) : v))}`
        assert.equal(actual, expected, message)
        assert.equal(compiled.forDate(on)(someone), expected, message)
        assert.equal(interpretRule(rule, someone, on), expected, message)
        assert.equal(compiled.explain(someone, on).value, expected, message)
        assert.equal(out[index] === 1, expected, message)
        cases++
        if (expected) entitled++
      })
    }
    assert.equal(cases, 400 * RULES.length)
    // the random persons exercise both answers
    assert.isAbove(entitled, cases / 20)
    assert.isBelow(entitled, cases - cases / 20)
  })

  test('periods equal a day-by-day evaluation on random persons', ({ assert }) => {
    const rnd = random(7)
    const window = { from: '2025-01-01', to: '2026-06-30' }
    const rules = RULES.map((source) => compile(source))
    const set = compileRuleSet(rules.map((rule) => rule.checked))
    for (let n = 0; n < 40; n++) {
      const someone = randomPerson(rnd)
      const bySet = evaluateSetPeriods(set, someone, window)
      rules.forEach((rule, index) => {
        const daily: { from: string; to: string }[] = []
        for (let on = window.from; on <= window.to; on = addDays(on, 1)) {
          if (!interpretRule(rule.checked, someone, on)) continue
          const last = daily.at(-1)
          if (last && addDays(last.to, 1) === on) last.to = on
          else daily.push({ from: on, to: on })
        }
        assert.deepEqual(evaluatePeriods(rule, someone, window), daily, rule.checked.source)
        assert.deepEqual(bySet[index], daily, rule.checked.source)
      })
    }
  })

  test('the engine over all time equals a day-by-day evaluation within each version', ({
    assert,
  }) => {
    const rnd = random(20261207)
    const rules = RULES.map((source) => checked(source))
    const effective: [string, string | null][] = [
      ['2010-01-01', null],
      ['2024-06-01', '2025-12-31'],
      ['2026-01-01', null],
    ]
    const entries = rules.map((rule, index): VersionEntry => ({
      versionId: index + 1,
      benefitId: index + 1,
      tenantId: 1,
      benefitCode: `b${index}`,
      version: 1,
      status: 'published',
      effectiveFrom: effective[index % 3][0],
      effectiveTo: effective[index % 3][1],
      checked: rule,
      local: rule,
      listGroups: [],
    }))
    const ruleSet: LoadedRuleSet = {
      entries,
      compiled: compileRuleSet(rules),
      start: '2010-01-01',
      skipped: [],
    }
    const evaluator = new PersonEvaluator(ruleSet)
    const first = '2022-01-01'
    const last = '2029-12-31'
    let periods = 0
    for (let n = 0; n < 40; n++) {
      const someone = randomPerson(rnd)
      const factIds = new Map(
        [...someone.facts].map(([key, list]) => [key, list.map((_, i) => i + 1)])
      )
      evaluator.evaluate({ id: n + 1, codeHash: '', facts: someone, factIds }, undefined)
      const rows = new ComputedRows()
      evaluator.appendTo(rows)
      entries.forEach((entry, index) => {
        const actual: { from: string; to: string }[] = []
        for (let i = 0; i < rows.length; i++) {
          if (rows.versionId[i] !== entry.versionId) continue
          const from = rows.validFrom[i] > first ? rows.validFrom[i] : first
          const to = rows.validTo[i] !== null && rows.validTo[i]! < last ? rows.validTo[i]! : last
          if (from <= to) actual.push({ from, to })
        }
        const expected: { from: string; to: string }[] = []
        const until =
          entry.effectiveTo !== null && entry.effectiveTo < last ? entry.effectiveTo : last
        const since = entry.effectiveFrom > first ? entry.effectiveFrom : first
        for (let on = since; on <= until; on = addDays(on, 1)) {
          if (!interpretRule(rules[index], someone, on)) continue
          const previous = expected.at(-1)
          if (previous && addDays(previous.to, 1) === on) previous.to = on
          else expected.push({ from: on, to: on })
        }
        assert.deepEqual(actual, expected, `${entry.checked.source} for person ${n}`)
        periods += expected.length
      })
    }
    assert.isAbove(periods, 100)
  })

  test('ages agree with the calendar at every cut-off', ({ assert }) => {
    const rnd = random(99)
    const rule = compile('age >= 18 && age < 65')
    for (let n = 0; n < 300; n++) {
      const birthDate = addDays('1950-01-01', Math.floor(rnd() * 25000))
      const on = addDays('2024-01-01', Math.floor(rnd() * 1500))
      const age = ageOn(birthDate, on)
      assert.equal(rule.forDate(on)(person({ birthDate })), age >= 18 && age < 65)
    }
  })
})
