import { test } from '@japa/runner'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ace from '@adonisjs/core/services/ace'
import PopulationGenerate from '#registers/commands/population_generate'
import { parsePersonalCode } from '#registers/personal_code'
import { isMunicipalityValidDuring } from '#registers/municipalities'
import { isValidRegistrationNumber } from '#platform/identifiers/registration_number'
import {
  BAD_ROW_KINDS,
  FACTS_HEADER,
  IDENTIFIERS_HEADER,
  PERSONS_HEADER,
  generatePopulation,
} from '#registers/population/generate_population'

const FILES = ['persons.csv', 'facts.csv', 'identifiers.csv'] as const
const ATTRIBUTE_VALUES: Record<string, RegExp> = {
  'residence.municipality': /.+/,
  'disability.group': /^(I|II|III)$/,
  'disability.child': /^true$/,
  'status.orphan': /^true$/,
  'status.repressed': /^true$/,
  'family.honour_card': /^GG\d{7}$/,
  'pension.old_age': /^true$/,
  'education.level': /^(preschool|basic|secondary|vocational|higher)$/,
  'education.grade': /^([1-9]|1[0-2])$/,
  'education.school': /^\d{11}$/,
}
const IDENTIFIER_TYPES = ['eid', 'etalons', 'pupil_card', 'honour_card', 'bank_token', 'app_qr']
const AS_OF = '2026-09-01'

async function generate(seed: string, persons = 2000, badRows = 0) {
  const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-pop-'))
  const summary = await generatePopulation({ persons, seed, outDir, badRows, asOf: AS_OF })
  const read = (file: string) => readFile(join(outDir, file))
  return { outDir, summary, read }
}

function rows(buffer: Buffer): string[][] {
  return buffer
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((line) => line.split(','))
}

function ageOn(birth: string, on: string) {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4))
  return on.slice(5) < birth.slice(5) ? years - 1 : years
}

test.group('Population generator / determinism', (group) => {
  const dirs: string[] = []
  group.teardown(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  test('writes identical bytes for the same seed and different bytes for another', async ({
    assert,
  }) => {
    const a = await generate('alpha', 1500)
    const b = await generate('alpha', 1500)
    const c = await generate('beta', 1500)
    dirs.push(a.outDir, b.outDir, c.outDir)
    for (const file of FILES) {
      const [bytesA, bytesB, bytesC] = await Promise.all([a.read(file), b.read(file), c.read(file)])
      assert.isTrue(bytesA.equals(bytesB), `${file} differs`)
      assert.isFalse(bytesA.equals(bytesC), `${file} is the same`)
    }
  })
})

test.group('Population generator / content', (group) => {
  let persons: string[][]
  let facts: string[][]
  let identifiers: string[][]
  let outDir: string

  group.setup(async () => {
    const run = await generate('content', 2000)
    outDir = run.outDir
    persons = rows(await run.read('persons.csv'))
    facts = rows(await run.read('facts.csv'))
    identifiers = rows(await run.read('identifiers.csv'))
    return () => rm(outDir, { recursive: true, force: true })
  })

  test('starts each file with the exact header row', ({ assert }) => {
    assert.equal(persons[0].join(','), PERSONS_HEADER)
    assert.equal(facts[0].join(','), FACTS_HEADER)
    assert.equal(identifiers[0].join(','), IDENTIFIERS_HEADER)
    assert.lengthOf(persons, 2001)
  })

  test('gives every person a unique personal code that validates', ({ assert }) => {
    const codes = new Set<string>()
    let newFormat = 0
    for (const [code, , , birthDate] of persons.slice(1)) {
      const parsed = parsePersonalCode(code)
      assert.isTrue(parsed.ok, code)
      if (!parsed.ok) continue
      assert.equal(parsed.normalized, code)
      if (parsed.format === 'old') {
        assert.equal(parsed.birthDate, birthDate)
        assert.isTrue(birthDate < '2017-07-01', birthDate)
      } else {
        newFormat++
      }
      if (birthDate >= '2017-07-01') assert.equal(parsed.format, 'new')
      codes.add(code)
    }
    assert.equal(codes.size, 2000)
    assert.isAbove(newFormat / 2000, 0.06)
    assert.isBelow(newFormat / 2000, 0.16)
  })

  test('writes five columns per person with names and an optional death date', ({ assert }) => {
    for (const row of persons.slice(1)) {
      assert.lengthOf(row, 5)
      assert.isNotEmpty(row[1])
      assert.isNotEmpty(row[2])
      assert.match(row[3], /^\d{4}-\d{2}-\d{2}$/)
      if (row[4]) assert.isTrue(row[4] >= row[3], row.join(','))
    }
  })

  test('matches the age pyramid and the disability share roughly', ({ assert }) => {
    const people = persons.slice(1)
    const old = people.filter((p) => ageOn(p[3], AS_OF) >= 65).length / people.length
    const young = people.filter((p) => ageOn(p[3], AS_OF) <= 14).length / people.length
    assert.isAbove(old, 0.18)
    assert.isBelow(old, 0.26)
    assert.isAbove(young, 0.11)
    assert.isBelow(young, 0.2)
    const disabled = new Set(facts.filter((f) => f[1].startsWith('disability.')).map((f) => f[0]))
    assert.isAbove(disabled.size / people.length, 0.08)
    assert.isBelow(disabled.size / people.length, 0.14)
  })

  test('writes only catalogue attributes with allowed values and sane periods', ({ assert }) => {
    const known = new Set(persons.slice(1).map((p) => p[0]))
    for (const row of facts.slice(1)) {
      const [code, attribute, value, from, to] = row
      assert.lengthOf(row, 5)
      assert.isTrue(known.has(code))
      assert.match(value, ATTRIBUTE_VALUES[attribute] ?? /^$never/, `${attribute}=${value}`)
      assert.match(from, /^\d{4}-\d{2}-\d{2}$/)
      if (to) assert.isTrue(to >= from, row.join(','))
      if (attribute === 'residence.municipality') {
        assert.isTrue(isMunicipalityValidDuring(value, from, to || null), `${value} ${from}–${to}`)
      }
      if (attribute === 'education.school') assert.isTrue(isValidRegistrationNumber(value))
    }
  })

  test('covers every kind of fact the benefits need', ({ assert }) => {
    const attributes = new Set(facts.slice(1).map((f) => f[1]))
    assert.sameMembers([...attributes], Object.keys(ATTRIBUTE_VALUES))
    const levels = new Set(facts.filter((f) => f[1] === 'education.level').map((f) => f[2]))
    assert.sameMembers([...levels], ['preschool', 'basic', 'secondary', 'vocational', 'higher'])
    const groups = new Set(facts.filter((f) => f[1] === 'disability.group').map((f) => f[2]))
    assert.sameMembers([...groups], ['I', 'II', 'III'])
  })

  test('gives every person a residence and some persons a move', ({ assert }) => {
    const residences = new Map<string, number>()
    for (const f of facts) {
      if (f[1] === 'residence.municipality') residences.set(f[0], (residences.get(f[0]) ?? 0) + 1)
    }
    assert.equal(residences.size, 2000)
    assert.isAbove([...residences.values()].filter((n) => n > 1).length, 20)
  })

  test('gives old-age pension facts to everyone aged 65 or more', ({ assert }) => {
    const pensioners = new Set(facts.filter((f) => f[1] === 'pension.old_age').map((f) => f[0]))
    for (const p of persons.slice(1)) {
      const lastDay = p[4] || AS_OF
      assert.equal(pensioners.has(p[0]), ageOn(p[3], lastDay) >= 65, p.join(','))
    }
  })

  test('gives pupils grades that match their age and child disability only to minors', ({
    assert,
  }) => {
    const birth = new Map(persons.slice(1).map((p) => [p[0], p[3]]))
    for (const [code, attribute, value, from, to] of facts) {
      if (attribute === 'education.grade') {
        assert.equal(
          Number(value),
          Number(from.slice(0, 4)) - Number(birth.get(code)!.slice(0, 4)) - 6
        )
        assert.equal(from.slice(5), '09-01')
        assert.equal(to.slice(5), '08-31')
      }
      if (attribute === 'disability.child') assert.isBelow(ageOn(birth.get(code)!, to), 18)
      if (attribute === 'status.orphan') assert.isBelow(ageOn(birth.get(code)!, to), 24)
    }
  })

  test('shares an Honour Family card among at least three family members', ({ assert }) => {
    const members = new Map<string, number>()
    for (const f of facts) {
      if (f[1] === 'family.honour_card') members.set(f[2], (members.get(f[2]) ?? 0) + 1)
    }
    assert.isAbove(members.size, 5)
    for (const count of members.values()) assert.isAtLeast(count, 3)
  })

  test('gives each person one to three identifiers of known types with unique values', ({
    assert,
  }) => {
    const perPerson = new Map<string, number>()
    const values = new Set<string>()
    for (const row of identifiers.slice(1)) {
      const [code, type, value, issuer, from, to, status] = row
      assert.lengthOf(row, 7)
      assert.include(IDENTIFIER_TYPES, type)
      assert.isNotEmpty(issuer)
      assert.include(['active', 'blocked', 'expired'], status)
      if (to) assert.isTrue(to >= from, row.join(','))
      values.add(`${type}:${value}`)
      perPerson.set(code, (perPerson.get(code) ?? 0) + 1)
    }
    assert.equal(values.size, identifiers.length - 1)
    assert.equal(perPerson.size, 2000)
    for (const count of perPerson.values()) assert.isTrue(count >= 1 && count <= 3)
  })
})

test.group('Population generator / planted bad rows', (group) => {
  let outDir: string
  let read: (file: string) => Promise<Buffer>

  group.setup(async () => {
    const run = await generate('bad', 1000, 12)
    outDir = run.outDir
    read = run.read
    return () => rm(outDir, { recursive: true, force: true })
  })

  test('lists every planted row with its file, line, column and kind', async ({ assert }) => {
    const manifest = rows(await read('planted_bad_rows.csv'))
    assert.deepEqual(manifest[0], ['file', 'line', 'column', 'kind'])
    assert.lengthOf(manifest, 13)
    assert.sameMembers([...new Set(manifest.slice(1).map((r) => r[3]))], [...BAD_ROW_KINDS])
  })

  test('puts a row of the stated kind at each stated line', async ({ assert }) => {
    const manifest = rows(await read('planted_bad_rows.csv')).slice(1)
    const lines: Record<string, Buffer[]> = {}
    for (const file of FILES) {
      const buffer = await read(file)
      const split: Buffer[] = []
      let start = 0
      for (let i = buffer.indexOf(10); i !== -1; i = buffer.indexOf(10, start)) {
        split.push(buffer.subarray(start, i))
        start = i + 1
      }
      lines[file] = split
    }
    const knownAttributes = new Set(Object.keys(ATTRIBUTE_VALUES))
    for (const [file, lineNo, , kind] of manifest) {
      const bytes = lines[file][Number(lineNo) - 1]
      const text = bytes.toString('utf8')
      const fields = text.split(',')
      switch (kind) {
        case 'bad_check_digit':
          assert.deepEqual(parsePersonalCode(fields[0]), { ok: false, reason: 'check_digit' })
          break
        case 'impossible_date':
          assert.deepEqual(parsePersonalCode(fields[0]), { ok: false, reason: 'date' })
          break
        case 'unknown_attribute':
          assert.isFalse(knownAttributes.has(fields[1]))
          break
        case 'value_not_allowed':
          assert.notMatch(fields[2], ATTRIBUTE_VALUES[fields[1]])
          break
        case 'valid_to_before_valid_from':
          assert.isTrue(fields[4] < fields[3])
          break
        case 'unknown_municipality':
          assert.equal(fields[1], 'residence.municipality')
          assert.isFalse(isMunicipalityValidDuring(fields[2], fields[3], fields[4] || null))
          break
        case 'duplicate_row':
          assert.isTrue(lines[file].slice(0, Number(lineNo) - 1).some((l) => l.equals(bytes)))
          break
        case 'wrong_column_count':
          assert.notEqual(fields.length, file === 'facts.csv' ? 5 : file === 'persons.csv' ? 5 : 7)
          break
        case 'unbalanced_quotes':
          assert.include(text, '"')
          break
        case 'non_utf8':
          assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes))
          break
        default:
          assert.fail(`unexpected kind ${kind}`)
      }
    }
  })

  test('keeps the good persons: planted rows come on top of the requested count', async ({
    assert,
  }) => {
    const buffer = await read('persons.csv')
    const persons = buffer.toString('utf8').trimEnd().split('\n').slice(1)
    const good = persons.filter((line) => {
      const [code] = line.split(',')
      return parsePersonalCode(code).ok && !line.includes('"') && !line.includes('\ufffd')
    })
    assert.equal(good.length, 1000)
  })
})

test.group('Population generator / command', () => {
  test('population:generate writes the three files and reports a summary', async ({ assert }) => {
    const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-cmd-'))
    try {
      const command = await ace.create(PopulationGenerate, [
        '--persons=50',
        '--seed=cli',
        `--out=${outDir}`,
      ])
      command.ui.switchMode('raw')
      await command.exec()
      command.assertSucceeded()
      command.assertLogMatches(/Wrote 50 persons/)
      const persons = await readFile(join(outDir, 'persons.csv'), 'utf8')
      assert.lengthOf(persons.trimEnd().split('\n'), 51)
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })

  test('population:generate rejects a negative person count', async () => {
    const command = await ace.create(PopulationGenerate, ['--persons=-5'])
    command.ui.switchMode('raw')
    await command.exec()
    command.assertFailed()
  })
})
