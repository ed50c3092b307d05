import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import ReferenceTenantsSeeder from '#database/seeders/0200_reference_tenants_seeder'
import CatalogueSeeder from '#database/seeders/catalogue_seeder'
import { registries } from '#platform/plugins/registry'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { generatePopulation } from '#registers/population/generate_population'
import { encryptPersonalCode, personalCodeHash } from '#registers/personal_code_protection'
import {
  checkRule,
  interpretRule,
  type CheckedRule,
  type FactPeriod,
  type FactValue,
  type Period,
  type PersonFacts,
} from '#eligibility/main'
import { addDays } from '#platform/calendar/calendar_dates'
import { freezeToday } from '#platform/calendar/today_in_riga'
import { fullRun, makeSource } from './fixtures.js'

/*
 * The engine's stored periods against the dumbest evaluation there is: every day from 2009 to
 * 2035, each person's facts as the generator wrote them, the rule walked as a tree by the
 * interpreter (not the compiled code, not the breakpoints), consecutive entitled days joined.
 */

const PERSONS = 2000
const FIRST_DAY = '2009-01-01'
const LAST_DAY = '2035-12-31'

type Span = [string, string]

function csvLines(text: string): string[][] {
  return parse(text, { fromLine: 2, skipEmptyLines: true })
}

function typed(attribute: string, value: string): FactValue {
  const type = registries.attributes.all().find((a) => a.key === attribute)?.type
  if (type === 'integer') return Number(value)
  if (type === 'boolean') return value === 'true'
  return value
}

/** Consecutive days on which `holds` answers true, as inclusive spans. */
function daily(from: string, to: string, holds: (on: string) => boolean): Span[] {
  const spans: Span[] = []
  for (let on = from; on <= to; on = addDays(on, 1)) {
    if (!holds(on)) continue
    const last = spans.at(-1)
    if (last && addDays(last[1], 1) === on) last[1] = on
    else spans.push([on, on])
  }
  return spans
}

test.group('Entitlement engine against a day-by-day evaluation', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => () => freezeToday(null))
  group.each.timeout(240_000)

  test('stored periods of generated persons equal every day from 2009 to 2035 evaluated alone', async ({
    assert,
  }) => {
    freezeToday('2025-12-07')
    await new ReferenceTenantsSeeder(db.connection()).run()
    await new CatalogueSeeder(db.connection()).run()
    const source = await makeSource()

    const dir = await mkdtemp(join(tmpdir(), 'atvieglo-differential-'))
    let personRows: string[][]
    let factRows: string[][]
    try {
      await generatePopulation({ persons: PERSONS, seed: 'differential', outDir: dir })
      personRows = csvLines(await readFile(join(dir, 'persons.csv'), 'utf8'))
      factRows = csvLines(await readFile(join(dir, 'facts.csv'), 'utf8'))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }

    // The register, written straight into its tables as the other entitlement specs do.
    const oracle = new Map<string, PersonFacts>()
    const stamp = new Date()
    for (let i = 0; i < personRows.length; i += 500) {
      await db.table('persons').multiInsert(
        personRows.slice(i, i + 500).map(([code, given, surname, birth, death]) => ({
          code_hash: personalCodeHash(code),
          code_encrypted: encryptPersonalCode(code),
          given_names: given,
          surname,
          birth_date: birth,
          death_date: death || null,
          created_at: stamp,
          updated_at: stamp,
        }))
      )
    }
    const ids = new Map<string, number>()
    for (const row of await db.from('persons').select('id', 'code_hash')) {
      ids.set(row.code_hash, Number(row.id))
    }
    const byId = new Map<number, PersonFacts>()
    for (const [code, , , birth, death] of personRows) {
      const person: PersonFacts = {
        birthDate: birth,
        deathDate: death || null,
        facts: new Map(),
        groups: new Map(),
        identifiers: new Map(),
      }
      oracle.set(code, person)
      byId.set(ids.get(personalCodeHash(code))!, person)
    }
    const factInserts = []
    for (const [code, attribute, value, from, to] of factRows) {
      const person = oracle.get(code)
      if (!person) continue
      const fact: FactPeriod = { value: typed(attribute, value), from, to: to || null }
      const list = person.facts.get(attribute)
      if (list) list.push(fact)
      else person.facts.set(attribute, [fact])
      factInserts.push({
        person_id: ids.get(personalCodeHash(code)),
        attribute,
        value,
        valid_from: from,
        valid_to: to || null,
        data_source_id: source.id,
        received_at: stamp,
      })
    }
    for (let i = 0; i < factInserts.length; i += 1000) {
      await db.table('facts').multiInsert(factInserts.slice(i, i + 1000))
    }

    // Every ninth person on the seeded list groups, some for a while, some still.
    const listGroups = await db.from('person_groups').where('kind', 'list')
    for (const listGroup of listGroups) {
      const members = []
      for (const [index, [code]] of personRows.entries()) {
        if (index % 9 !== listGroup.id % 9) continue
        const from = addDays('2012-01-01', (index * 37) % 6000)
        const to = index % 2 ? addDays(from, (index * 53) % 3000) : null
        members.push({
          tenant_id: listGroup.tenant_id,
          group_id: listGroup.id,
          person_code_hash: personalCodeHash(code),
          valid_from: from,
          valid_to: to,
          created_at: stamp,
          updated_at: stamp,
        })
        const period: Period = { from, to }
        const person = oracle.get(code)!
        const list = person.groups.get(listGroup.key)
        if (list) list.push(period)
        else person.groups.set(listGroup.key, [period])
      }
      await db.table('person_group_members').multiInsert(members)
    }

    await fullRun(400)

    // The seeded published versions, each rule checked against its tenant's groups.
    const versions = await db
      .from('benefit_versions')
      .where('status', 'published')
      .select(
        'id',
        'tenant_id',
        'rule',
        db.raw('effective_from::text AS effective_from'),
        db.raw('effective_to::text AS effective_to')
      )
    assert.isAtLeast(versions.length, 15)
    const rules = new Map<number, CheckedRule>()
    for (const version of versions) {
      const groups = listGroups.filter((g) => g.tenant_id === version.tenant_id).map((g) => g.key)
      const checked = checkRule(version.rule, {
        attributes: registries.attributes.all(),
        groups,
        identifierTypes: [...IDENTIFIER_TYPES],
        functions: registries.ruleFunctions.all(),
      })
      if (!checked.ok) throw new Error(`${version.rule}: ${checked.errors[0].message.en}`)
      rules.set(version.id, checked)
    }

    const expected: Record<string, Span[]> = {}
    for (const [personId, person] of byId) {
      for (const version of versions) {
        const from = version.effective_from > FIRST_DAY ? version.effective_from : FIRST_DAY
        const to =
          version.effective_to !== null && version.effective_to < LAST_DAY
            ? version.effective_to
            : LAST_DAY
        const rule = rules.get(version.id)!
        const spans = daily(from, to, (on) => interpretRule(rule, person, on))
        if (spans.length) expected[`${personId}/${version.id}`] = spans
      }
    }

    const actual: Record<string, Span[]> = {}
    const stored = await db
      .from('entitlements')
      .whereNull('ended_at')
      .orderBy(['person_id', 'version_id', 'valid_from'])
      .select(
        'person_id',
        'version_id',
        db.raw('valid_from::text AS valid_from'),
        db.raw('valid_to::text AS valid_to')
      )
    for (const row of stored) {
      const from = row.valid_from > FIRST_DAY ? row.valid_from : FIRST_DAY
      const to = row.valid_to !== null && row.valid_to < LAST_DAY ? row.valid_to : LAST_DAY
      if (from > to) continue
      const key = `${row.person_id}/${row.version_id}`
      ;(actual[key] ??= []).push([from, to])
    }

    assert.isAbove(Object.keys(expected).length, PERSONS / 2)
    for (const key of Object.keys({ ...expected, ...actual })) {
      assert.deepEqual(actual[key] ?? [], expected[key] ?? [], `person/version ${key}`)
    }
  })
})
