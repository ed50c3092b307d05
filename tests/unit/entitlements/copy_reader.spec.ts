import { test } from '@japa/runner'
import { checkRule, compileRuleSet } from '#eligibility/main'
import { LineIndex, PersonCursor, type CopyChunk } from '#entitlements/engine/copy_reader'
import { ComputedRows, PersonEvaluator } from '#entitlements/engine/evaluate_persons'
import type { LoadedRuleSet, VersionEntry } from '#entitlements/engine/rule_set'
import type { EnginePerson } from '#entitlements/engine/person_facts'
import { attributes, byKey, context } from '#tests/unit/eligibility/fixtures'

const copy = (lines: string[]) => Buffer.from(lines.map((line) => `${line}\n`).join(''))

function chunk(data: {
  persons: string[]
  facts?: string[]
  members?: string[]
  identifiers?: string[]
  fromId?: number
}): CopyChunk {
  const members = copy(data.members ?? [])
  return {
    fromId: data.fromId ?? 1,
    persons: copy(data.persons),
    facts: copy(data.facts ?? []),
    identifiers: data.identifiers ? copy(data.identifiers) : null,
    members: { buffer: members, index: LineIndex.build(members) },
  }
}

const options = {
  attributes: new Map(attributes.map((attribute) => [attribute.key, attribute])),
  sources: new Map([[7, 'vid']]),
}

/** What a person looks like once read, as plain data (the cursor reuses its objects). */
function snapshot(person: EnginePerson) {
  return {
    id: person.id,
    birthDate: person.facts.birthDate,
    deathDate: person.facts.deathDate,
    facts: Object.fromEntries(
      [...person.facts.facts].map(([key, list]) => [key, list.map((fact) => ({ ...fact }))])
    ),
    factIds: Object.fromEntries(person.factIds),
    groups: Object.fromEntries(
      [...person.facts.groups].map(([key, list]) => [key, list.map((p) => ({ ...p }))])
    ),
    identifiers: Object.fromEntries(
      [...person.facts.identifiers].map(([key, list]) => [key, list.map((p) => ({ ...p }))])
    ),
  }
}

function readAll(data: CopyChunk) {
  const cursor = new PersonCursor(data, options)
  const out = []
  for (let person = cursor.next(); person !== null; person = cursor.next()) {
    out.push(snapshot(person))
  }
  return out
}

test.group('Entitlement engine: reading COPY output by hand', () => {
  test('persons get their typed facts in id order, memberships and identifiers, whatever the row order', ({
    assert,
  }) => {
    const persons = readAll(
      chunk({
        fromId: 10,
        persons: ['10\t1950-02-03\t\\N', '11\t\\N\t2026-01-31', '12\t2001-12-24\t\\N'],
        facts: [
          '12\teducation.grade\t7\t2020-09-01\t\\N\t7\t30',
          '10\tresidence.municipality\tRīga\t1990-01-01\t2026-04-30\t7\t21',
          '10\tdisability.group\tII\t2015-01-01\t\\N\t7\t25',
          '10\tresidence.municipality\tJūrmala\t2026-05-01\t\\N\t7\t20',
          '10\tdisability.group\tIV\t2015-01-01\t\\N\t7\t26',
          '12\tfamily.honour_card\tA\\\\B\\tC\t2020-01-01\t\\N\t7\t31',
        ],
        members: [
          '12\t3\triga_pupils\t2020-09-01\t2027-05-31',
          '9\t3\triga_pupils\t2020-01-01\t\\N',
        ],
        identifiers: ['10\teid\t2024-01-01\t\\N'],
      })
    )
    assert.deepEqual(persons, [
      {
        id: 10,
        birthDate: '1950-02-03',
        deathDate: null,
        facts: {
          'residence.municipality': [
            { value: 'Jūrmala', from: '2026-05-01', to: null, source: 'vid' },
            { value: 'Rīga', from: '1990-01-01', to: '2026-04-30', source: 'vid' },
          ],
          // 'IV' is not a value of the attribute: left out, as the query-based load does
          'disability.group': [{ value: 'II', from: '2015-01-01', to: null, source: 'vid' }],
        },
        factIds: { 'residence.municipality': [20, 21], 'disability.group': [25] },
        groups: {},
        identifiers: { eid: [{ from: '2024-01-01', to: null }] },
      },
      {
        id: 11,
        birthDate: null,
        deathDate: '2026-01-31',
        facts: {},
        factIds: {},
        groups: {},
        identifiers: {},
      },
      {
        id: 12,
        birthDate: '2001-12-24',
        deathDate: null,
        facts: {
          'education.grade': [{ value: 7, from: '2020-09-01', to: null, source: 'vid' }],
          'family.honour_card': [{ value: 'A\\B\tC', from: '2020-01-01', to: null, source: 'vid' }],
        },
        factIds: { 'education.grade': [30], 'family.honour_card': [31] },
        groups: { '3:riga_pupils': [{ from: '2020-09-01', to: '2027-05-31' }] },
        identifiers: {},
      },
    ])
  })

  test('the signature of a person changes exactly when the rows the diff compares change', ({
    assert,
  }) => {
    const rules = ['age >= 65', 'fact("disability.group") in ["I", "II"]'].map((source) => {
      const result = checkRule(source, context)
      if (!result.ok) throw new Error(source)
      return result
    })
    const entries = rules.map((checked, index): VersionEntry => ({
      versionId: 100 + index,
      benefitId: 10 + index,
      tenantId: 1,
      benefitCode: `b${index}`,
      version: 1,
      status: 'published',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      checked,
      local: checked,
      listGroups: [],
    }))
    const ruleSet: LoadedRuleSet = {
      entries,
      compiled: compileRuleSet(rules),
      start: '2020-01-01',
      skipped: [],
    }
    const signatureOf = (data: CopyChunk) => {
      const evaluator = new PersonEvaluator(ruleSet)
      const cursor = new PersonCursor(data, {
        ...options,
        attributes: new Map(Object.entries(byKey)),
      })
      evaluator.evaluate(cursor.next()!, undefined)
      const rows = new ComputedRows()
      evaluator.appendTo(rows)
      return { signature: evaluator.signature(), rows }
    }
    const base = signatureOf(
      chunk({
        persons: ['1\t1960-08-01\t\\N'],
        facts: ['1\tdisability.group\tII\t2015-01-01\t\\N\t7\t5'],
      })
    )
    assert.equal(base.rows.length, 2)
    // another fact id (an explanation detail only): same signature
    const sameRows = signatureOf(
      chunk({
        persons: ['1\t1960-08-01\t\\N'],
        facts: ['1\tdisability.group\tI\t2015-01-01\t\\N\t7\t9'],
      })
    )
    assert.equal(sameRows.signature, base.signature)
    // the disability ends: another signature
    const ended = signatureOf(
      chunk({
        persons: ['1\t1960-08-01\t\\N'],
        facts: ['1\tdisability.group\tII\t2015-01-01\t2026-12-31\t7\t5'],
      })
    )
    assert.notEqual(ended.signature, base.signature)
    // the fact started earlier, before the version: the same rows, the same signature
    const earlier = signatureOf(
      chunk({
        persons: ['1\t1960-08-01\t\\N'],
        facts: ['1\tdisability.group\tII\t2010-01-01\t\\N\t7\t5'],
      })
    )
    assert.equal(earlier.signature, base.signature)
    assert.deepEqual(base.rows.validFrom, ['2025-08-01', '2020-01-01'])
    assert.deepEqual(base.rows.validTo, [null, null])
    // no disability, and dead before 65: nothing at all, the empty signature
    const none = signatureOf(chunk({ persons: ['1\t1990-08-01\t2024-05-31'] }))
    assert.equal(none.rows.length, 0)
    assert.equal(none.signature, 0)
  })
})
