import { test } from '@japa/runner'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { buildOldPersonalCode } from '#registers/personal_code'
import { personalCodeHash } from '#registers/personal_code_protection'
import {
  importFileSet,
  importSourceByCode,
  type ImportOptions,
} from '#registers/import/import_file_set'
import { hashIdentifier, listHashIdentifier } from '#registers/import/keyed_hash'
import { generatePopulation } from '#registers/population/generate_population'
import {
  FACTS_HEADER,
  IDENTIFIERS_HEADER,
  PERSONS_HEADER,
  countRows,
  emptyRegisters,
  makeSource,
  reportRows,
  writeFileSet,
} from './import_support.js'

const JANIS = '161175-19997'
const ANNA = buildOldPersonalCode(1982, 3, 4, 123)
const NEW_CODE = '321234-56789'

function persons(...rows: string[]) {
  return [PERSONS_HEADER, ...rows].join('\n') + '\n'
}
function facts(...rows: string[]) {
  return [FACTS_HEADER, ...rows].join('\n') + '\n'
}

const janis = `${JANIS},Jānis,Bērziņš,1975-11-16,`
const anna = `${ANNA},Anna,Kalniņa,1982-03-04,`

/** Imports the files for the data source with the code `source` (default pmlp). */
async function run(
  files: Parameters<typeof writeFileSet>[0],
  { source = 'pmlp', ...options }: Partial<Omit<ImportOptions, 'source'>> & { source?: string } = {}
) {
  const set = await writeFileSet(files)
  try {
    return await importFileSet(set.dir, {
      source: await importSourceByCode(source),
      mode: 'delta',
      batchDate: '2026-09-01',
      ...options,
    })
  } finally {
    await set.cleanup()
  }
}

/** Constraints and indexes of the tables a first load fills without them. */
async function keysAndIndexes() {
  const result = await db.rawQuery(
    `SELECT conrelid::regclass::text AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
       WHERE conrelid IN ('persons'::regclass, 'facts'::regclass, 'person_identifiers'::regclass)
     UNION ALL
     SELECT indexname, indexdef FROM pg_indexes
       WHERE tablename IN ('persons', 'facts', 'person_identifiers')
     ORDER BY 1, 2`
  )
  return result.rows as { name: string; definition: string }[]
}

test.group('Register import / file sets', (group) => {
  group.each.setup(async () => {
    await emptyRegisters()
    return () => emptyRegisters()
  })

  test('imports a generated population and logs every accepted change once', async ({ assert }) => {
    await makeSource()
    const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-pop-'))
    try {
      const generated = await generatePopulation({ persons: 300, seed: 'import', outDir })
      const schemaBefore = await keysAndIndexes()
      const result = await importFileSet(outDir, {
        source: await importSourceByCode('pmlp'),
        mode: 'snapshot',
      })
      // The first load into empty tables drops keys and indexes and rebuilds them.
      assert.deepEqual(await keysAndIndexes(), schemaBefore)
      assert.equal(result.status, 'succeeded')
      assert.equal(result.rejected, 0)
      assert.equal(result.files.persons!.created, generated.persons)
      assert.equal(result.files.facts!.created, generated.facts)
      assert.equal(result.files.identifiers!.created, generated.identifiers)
      assert.equal(await countRows('persons'), generated.persons)
      assert.equal(await countRows('facts'), generated.facts)
      assert.equal(await countRows('person_identifiers'), generated.identifiers)
      const total = generated.persons + generated.facts + generated.identifiers
      assert.equal(await countRows('change_log'), total)
      assert.equal(result.changeLogEntries, total)
      const logged = await db.rawQuery(
        `SELECT count(*) AS n FROM change_log c
         JOIN facts f ON c.entity = 'fact' AND f.id = c.entity_id AND f.person_id = c.person_id`
      )
      assert.equal(Number(logged.rows[0].n), generated.facts)
      assert.isNull(result.errorReportPath)

      const again = await importFileSet(outDir, {
        source: await importSourceByCode('pmlp'),
        mode: 'snapshot',
      })
      assert.equal(again.accepted, 0)
      assert.equal(again.unchanged, total)
      assert.equal(again.changeLogEntries, 0)
      assert.equal(await countRows('change_log'), total)
      const imports = await db.from('register_imports').orderBy('id')
      assert.deepEqual(
        imports.map((row) => [row.status, row.accepted, row.unchanged]),
        [
          ['succeeded', total, 0],
          ['succeeded', 0, total],
        ]
      )
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })

  test('reports every planted bad row with its line, column and reason', async ({ assert }) => {
    await makeSource()
    const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-bad-'))
    try {
      const generated = await generatePopulation({ persons: 200, seed: 'bad', outDir, badRows: 10 })
      const result = await importFileSet(outDir, {
        source: await importSourceByCode('pmlp'),
        mode: 'delta',
        locale: 'en',
      })
      assert.equal(result.rejected, 10)
      const report = await readFile(result.errorReportPath!, 'utf8')
      const reason: Record<string, string> = {
        valid_to_before_valid_from: 'period_order',
        wrong_column_count: 'column_count',
      }
      // The reader cannot place a non-UTF-8 byte or a whole-row problem in one column.
      const column = (kind: string, planted: string) =>
        ['non_utf8', 'duplicate_row', 'wrong_column_count'].includes(kind) ? '' : planted
      assert.sameMembers(
        reportRows(report),
        generated.plantedBadRows.map(
          (row) =>
            `${row.file.replace('.csv', '')},${row.line},${column(row.kind, row.column)},${reason[row.kind] ?? row.kind}`
        )
      )
      assert.include(report, 'The check digit of the personal code is wrong')
      assert.equal(result.files.persons!.created, generated.persons)
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })

  test('accepts a BOM, CRLF line ends and quoted commas', async ({ assert }) => {
    await makeSource()
    const result = await run({
      persons: `\uFEFF${PERSONS_HEADER}\r\n${JANIS},"Jānis, Pēteris",Bērziņš,1975-11-16,\r\n`,
      facts: `\uFEFF${FACTS_HEADER}\r\n${JANIS},residence.municipality,"Rīga",2022-01-01,\r\n`,
    })
    assert.equal(result.rejected, 0)
    const person = await db.from('persons').firstOrFail()
    assert.equal(person.given_names, 'Jānis, Pēteris')
    assert.equal(person.code_hash, personalCodeHash(JANIS))
    assert.equal(await countRows('facts', { value: 'Rīga' }), 1)
  })

  test('a delta adds and changes facts but never ends the ones it leaves out', async ({
    assert,
  }) => {
    await makeSource()
    await run({
      persons: persons(janis),
      facts: facts(
        `${JANIS},residence.municipality,Rīga,2022-01-01,`,
        `${JANIS},disability.group,II,2023-01-01,`
      ),
    })
    const result = await run({
      facts: facts(`${JANIS},disability.group,II,2023-01-01,2027-12-31`),
    })
    assert.equal(result.files.facts!.updated, 1)
    const rows = await db.from('facts').orderBy('attribute')
    assert.deepEqual(
      rows.map((row) => [row.attribute, row.valid_to === null]),
      [
        ['disability.group', false],
        ['residence.municipality', true],
      ]
    )
    assert.equal(await countRows('change_log', { entity: 'fact', action: 'updated' }), 1)
  })

  test('a snapshot ends the facts it no longer holds, for the attributes it delivers', async ({
    assert,
  }) => {
    await makeSource()
    await run({
      persons: persons(janis, anna),
      facts: facts(
        `${JANIS},disability.group,II,2023-01-01,`,
        `${ANNA},disability.group,III,2026-10-01,`,
        `${ANNA},residence.municipality,Rīga,2022-01-01,`,
        `${JANIS},disability.group,I,2020-01-01,2021-12-31`
      ),
    })
    // Only Anna's residence is delivered: disability facts are not in the batch's attributes.
    const residenceOnly = await run(
      { facts: facts(`${ANNA},residence.municipality,Rīga,2022-01-01,`) },
      { mode: 'snapshot' }
    )
    assert.equal(residenceOnly.files.facts!.ended, 0)

    const snapshot = await run(
      { facts: facts(`${JANIS},disability.group,I,2020-01-01,2021-12-31`) },
      { mode: 'snapshot' }
    )
    assert.equal(snapshot.files.facts!.unchanged, 1)
    assert.equal(snapshot.files.facts!.ended, 2)
    const groupFacts = await db
      .from('facts')
      .where('attribute', 'disability.group')
      .orderBy('valid_from')
    const iso = (date: Date | null) =>
      date
        ? new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 10)
        : null
    assert.deepEqual(
      groupFacts.map((row) => [row.value, iso(row.valid_to), row.retracted_at !== null]),
      [
        ['I', '2021-12-31', false],
        ['II', '2026-08-31', false],
        ['III', null, true],
      ]
    )
    const actions = await db
      .from('change_log')
      .where('entity', 'fact')
      .whereIn('action', ['ended', 'retracted'])
      .select('action')
    assert.sameMembers(
      actions.map((row) => row.action),
      ['ended', 'retracted']
    )
    assert.equal(await countRows('facts', { attribute: 'residence.municipality' }), 1)

    const repeat = await run(
      { facts: facts(`${JANIS},disability.group,I,2020-01-01,2021-12-31`) },
      { mode: 'snapshot' }
    )
    assert.equal(repeat.changeLogEntries, 0)
  })

  test('a snapshot keeps the facts of a person whose row was rejected', async ({ assert }) => {
    await makeSource()
    await run({
      persons: persons(janis),
      facts: facts(`${JANIS},disability.group,II,2023-01-01,`),
    })
    const result = await run(
      { facts: facts(`${JANIS},disability.group,IV,2023-01-01,`) },
      { mode: 'snapshot' }
    )
    assert.equal(result.rejected, 1)
    assert.equal(result.files.facts!.ended, 0)
  })

  test('a source may deliver only the attributes it is registered for', async ({ assert }) => {
    await makeSource({ allowedAttributes: ['residence.municipality'] })
    const result = await run({
      persons: persons(janis),
      facts: facts(
        `${JANIS},residence.municipality,Rīga,2022-01-01,`,
        `${JANIS},disability.group,II,2023-01-01,`
      ),
    })
    assert.equal(result.files.facts!.rejected, 1)
    assert.deepEqual(reportRows(await readFile(result.errorReportPath!, 'utf8')), [
      'facts,3,attribute,attribute_not_allowed',
    ])
    assert.equal(await countRows('facts', { attribute: 'disability.group' }), 0)
  })

  test('facts are checked against the value formats the registry declares', async ({ assert }) => {
    await makeSource()
    const result = await run({
      persons: persons(janis),
      facts: facts(
        `${JANIS},education.school,40003619950,2022-09-01,`,
        `${JANIS},education.school,40003619951,2022-09-01,`,
        `${JANIS},family.honour_card,${'G'.repeat(41)},2022-01-01,`,
        `${JANIS},residence.municipality,Varakļānu novads,2022-01-01,2025-06-30`,
        `${JANIS},residence.municipality,Varakļānu novads,2025-07-01,`,
        `${JANIS},health.patient_fee_exempt,false,2022-01-01,`
      ),
    })
    assert.deepEqual(reportRows(await readFile(result.errorReportPath!, 'utf8')), [
      'facts,3,value,value_not_allowed',
      'facts,4,value,value_not_allowed',
      'facts,6,value,unknown_municipality',
      'facts,7,value,value_not_allowed',
    ])
    assert.equal(result.files.facts!.created, 2)
  })

  test('residence from before the 2021 reform is imported, names in NFC', async ({ assert }) => {
    await makeSource()
    const decomposed = 'Ķekavas novads'.normalize('NFD')
    const result = await run({
      persons: persons(janis, anna),
      facts: facts(
        `${JANIS},residence.municipality,Rīga,2000-01-01,`,
        `${ANNA},residence.municipality,Salas novads,2010-01-01,2021-06-30`,
        `${ANNA},residence.municipality,${decomposed},2021-07-01,`
      ),
    })
    assert.isNull(result.errorReportPath)
    assert.equal(result.files.facts!.created, 3)
    const stored = await db
      .from('facts')
      .where('attribute', 'residence.municipality')
      .orderBy('valid_from')
      .select('value')
    assert.deepEqual(
      stored.map((row) => row.value),
      ['Rīga', 'Salas novads', 'Ķekavas novads']
    )
  })

  test('the error report says what is wrong with a municipality name', async ({ assert }) => {
    await makeSource()
    const result = await run(
      {
        persons: persons(janis),
        facts: facts(
          `${JANIS},residence.municipality,Riga,2000-01-01,`,
          `${JANIS},residence.municipality,Salas novads,2010-01-01,`
        ),
      },
      { locale: 'en' }
    )
    const report = await readFile(result.errorReportPath!, 'utf8')
    assert.deepEqual(reportRows(report), [
      'facts,2,value,unknown_municipality',
      'facts,3,value,unknown_municipality',
    ])
    assert.include(report, 'Unknown municipality “Riga”; did you mean “Rīga”?')
    assert.include(
      report,
      '“Salas novads” is not in force from 2021-07-01; its successor: “Jēkabpils novads”'
    )
    const lv = await run(
      { facts: facts(`${JANIS},residence.municipality,Riga,2000-01-01,`) },
      { locale: 'lv' }
    )
    assert.include(
      await readFile(lv.errorReportPath!, 'utf8'),
      'Nezināma pašvaldība «Riga»; vai domājāt «Rīga»?'
    )
  })

  test('a source not registered for persons cannot deliver persons.csv', async ({ assert }) => {
    await makeSource({ deliversPersons: false })
    const result = await run({ persons: persons(janis) })
    assert.deepEqual(reportRows(await readFile(result.errorReportPath!, 'utf8')), [
      'persons,1,,file_not_allowed',
    ])
    assert.equal(await countRows('persons'), 0)
  })

  test('facts of unknown persons and conflicting rows are rejected by line', async ({ assert }) => {
    await makeSource()
    const result = await run({
      persons: persons(janis),
      facts: facts(
        `${JANIS},disability.group,II,2023-01-01,`,
        `${ANNA},disability.group,II,2023-01-01,`,
        `${JANIS},disability.group,II,2023-01-01,2024-01-01`
      ),
    })
    assert.sameMembers(reportRows(await readFile(result.errorReportPath!, 'utf8')), [
      'facts,3,personal_code,unknown_person',
      'facts,4,valid_to,conflicting_row',
    ])
    assert.equal(result.files.facts!.created, 1)
  })

  test('a crash half-way through a batch leaves nothing applied', async ({ assert }) => {
    const source = await makeSource()
    const set = await writeFileSet({
      persons: persons(janis, anna),
      facts: facts(`${JANIS},disability.group,II,2023-01-01,`),
    })
    try {
      await assert.rejects(
        () =>
          importFileSet(set.dir, {
            source,
            mode: 'delta',
            onStep: (step) => {
              if (step === 'facts') throw new Error('power cut')
            },
          }),
        'power cut'
      )
    } finally {
      await set.cleanup()
    }
    assert.equal(await countRows('persons'), 0)
    assert.equal(await countRows('facts'), 0)
    assert.equal(await countRows('change_log'), 0)
    const row = await db.from('register_imports').firstOrFail()
    assert.equal(row.status, 'failed')
    assert.equal(row.error_message, 'power cut')

    const retry = await run({
      persons: persons(janis, anna),
      facts: facts(`${JANIS},disability.group,II,2023-01-01,`),
    })
    assert.equal(retry.accepted, 3)
  })

  test('a person switching to a new code keeps the history and the facts', async ({ assert }) => {
    await makeSource()
    await run({
      persons: persons(janis),
      facts: facts(`${JANIS},disability.group,II,2023-01-01,`),
    })
    const before = await db.from('persons').firstOrFail()
    const switched = await run({
      persons: `${PERSONS_HEADER},previous_personal_code\n${NEW_CODE},Jānis,Bērziņš,1975-11-16,,${JANIS}\n`,
      facts: facts(`${NEW_CODE},residence.municipality,Rīga,2022-01-01,`),
    })
    assert.equal(switched.files.persons!.updated, 1)
    const after = await db.from('persons').firstOrFail()
    assert.equal(after.id, before.id)
    assert.equal(after.code_hash, personalCodeHash(NEW_CODE))
    const history = await db.from('person_code_history').firstOrFail()
    assert.equal(history.person_id, before.id)
    assert.equal(history.code_hash, personalCodeHash(JANIS))
    assert.equal(await countRows('facts', { person_id: before.id }), 2)
    assert.equal(await countRows('change_log', { action: 'code_changed' }), 1)

    // The old code still finds the person; the old code may not come back as a new person.
    const late = await run({
      persons: persons(janis),
      facts: facts(`${JANIS},status.orphan,true,2023-01-01,`),
    })
    assert.deepEqual(reportRows(await readFile(late.errorReportPath!, 'utf8')), [
      'persons,2,personal_code,code_replaced',
    ])
    assert.equal(await countRows('facts', { person_id: before.id }), 3)
    assert.equal(await countRows('persons'), 1)

    const again = await run({
      persons: `${PERSONS_HEADER},previous_personal_code\n${NEW_CODE},Jānis,Bērziņš,1975-11-16,,${JANIS}\n`,
    })
    assert.equal(again.changeLogEntries, 0)
  })

  test('identifiers are stored as keyed hashes and retracted by a snapshot', async ({ assert }) => {
    await makeSource()
    const ids = (...rows: string[]) => [IDENTIFIERS_HEADER, ...rows].join('\n') + '\n'
    await run({
      persons: persons(janis),
      identifiers: ids(
        `${JANIS},eid,PA1234567,pmlp,2024-01-01,2029-01-01,active`,
        `${JANIS},etalons,E99887766,rigas-satiksme,2024-01-01,,active`
      ),
    })
    const stored = await db.from('person_identifiers').orderBy('type')
    assert.deepEqual(
      stored.map((row) => row.value_hint),
      ['4567', '7766']
    )
    assert.notInclude(JSON.stringify(stored), 'PA1234567')
    // Offline lists carry a second hash, under a key that is not the identifier key.
    assert.deepEqual(
      stored.map((row) => [row.value_hash, row.list_hash]),
      [
        [hashIdentifier('eid', 'PA1234567'), listHashIdentifier('eid', 'PA1234567')],
        [hashIdentifier('etalons', 'E99887766'), listHashIdentifier('etalons', 'E99887766')],
      ]
    )
    assert.notEqual(stored[0].value_hash, stored[0].list_hash)
    const result = await run(
      { identifiers: ids(`${JANIS},eid,PA1234567,pmlp,2024-01-01,2029-01-01,blocked`) },
      { mode: 'snapshot' }
    )
    assert.equal(result.files.identifiers!.updated, 1)
    assert.equal(result.files.identifiers!.ended, 1)
    assert.equal(await countRows('person_identifiers', { status: 'blocked' }), 1)
  })

  test('an unknown data source is refused before anything is read', async ({ assert }) => {
    await assert.rejects(
      () => run({ persons: persons(janis) }, { source: 'nobody' }),
      /Unknown data source/
    )
  })

  test('streams supplied by the caller are imported like files', async ({ assert }) => {
    await makeSource()
    const result = await importFileSet(
      { persons: () => [Buffer.from(persons(janis))] },
      { source: await importSourceByCode('pmlp'), mode: 'delta' }
    )
    assert.equal(result.accepted, 1)
  })
})
