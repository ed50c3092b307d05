import { test } from '@japa/runner'
import { createReadStream } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importCatalogue } from '#registers/import/import_catalogue'
import { validateRows, type FileKind, type ValidatedRow } from '#registers/import/row_validator'
import { generatePopulation } from '#registers/population/generate_population'

const catalogue = importCatalogue()

async function validate(kind: FileKind, text: string): Promise<ValidatedRow[]> {
  const out: ValidatedRow[] = []
  for await (const result of validateRows(kind, [Buffer.from(text)], catalogue)) out.push(result)
  return out
}

// Where a rejected row's code is valid, the issue also carries it (for the import's snapshot
// safety); these tests look at line, column and reason.
function issues(results: ValidatedRow[]) {
  return results.flatMap((r) => {
    if (r.ok) return []
    return [{ line: r.issue.line, column: r.issue.column, reason: r.issue.reason }]
  })
}

const PERSONS = 'personal_code,given_names,surname,birth_date,death_date\n'
const FACTS = 'personal_code,attribute,value,valid_from,valid_to\n'
const IDENTIFIERS = 'personal_code,type,value,issuer,valid_from,valid_to,status\n'

test.group('Row validator / persons', () => {
  test('accepts a valid person and normalizes the code', async ({ assert }) => {
    const [result] = await validate('persons', `${PERSONS}16117519997,Jānis,Bērziņš,1975-11-16,\n`)
    assert.deepEqual(result, {
      ok: true,
      line: 2,
      kind: 'persons',
      row: {
        personalCode: '161175-19997',
        givenNames: 'Jānis',
        surname: 'Bērziņš',
        birthDate: '1975-11-16',
        deathDate: null,
      },
    })
  })

  test('rejects {name}')
    .with([
      {
        name: 'a bad check digit',
        row: '161175-19998,J,B,1975-11-16,',
        column: 'personal_code',
        reason: 'bad_check_digit',
      },
      {
        name: 'an impossible date in the code',
        row: '300223-20001,J,B,2023-02-30,',
        column: 'personal_code',
        reason: 'impossible_date',
      },
      {
        name: 'a malformed code',
        row: '16117-19997,J,B,1975-11-16,',
        column: 'personal_code',
        reason: 'personal_code_format',
      },
      {
        name: 'a missing surname',
        row: '161175-19997,J,,1975-11-16,',
        column: 'surname',
        reason: 'required',
      },
      {
        name: 'an impossible birth date',
        row: '320000-00000,J,B,2021-02-29,',
        column: 'birth_date',
        reason: 'invalid_date',
      },
      {
        name: 'a birth date that contradicts the code',
        row: '161175-19997,J,B,1975-11-17,',
        column: 'birth_date',
        reason: 'birth_date_mismatch',
      },
      {
        name: 'a death before birth',
        row: '161175-19997,J,B,1975-11-16,1970-01-01',
        column: 'death_date',
        reason: 'period_order',
      },
      {
        name: 'a wrong column count',
        row: '161175-19997,J,B,1975-11-16',
        column: null,
        reason: 'column_count',
      },
    ])
    .run(async ({ assert }, { row, column, reason }) => {
      assert.deepEqual(issues(await validate('persons', `${PERSONS}${row}\n`)), [
        { line: 2, column, reason },
      ])
    })

  test('rejects a file whose header is not the contract header', async ({ assert }) => {
    const results = await validate('persons', 'code,name\n161175-19997,J\n')
    assert.deepEqual(issues(results), [{ line: 1, column: null, reason: 'header' }])
    assert.lengthOf(results, 1)
  })
})

test.group('Row validator / facts', () => {
  test('rejects {name}')
    .with([
      {
        name: 'an unknown attribute',
        row: '161175-19997,residence.country,LV,2022-01-01,',
        column: 'attribute',
        reason: 'unknown_attribute',
      },
      {
        name: 'a value not allowed',
        row: '161175-19997,disability.group,IV,2022-01-01,',
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'a flag other than true',
        row: '161175-19997,disability.child,false,2022-01-01,',
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'an Honour Family card number over 40 characters',
        row: `161175-19997,family.honour_card,${'G'.repeat(41)},2022-01-01,`,
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'a level of education not listed',
        row: '161175-19997,education.level,doctoral,2022-09-01,',
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'a grade out of range',
        row: '161175-19997,education.grade,13,2022-09-01,2023-08-31',
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'an invalid school number',
        row: '161175-19997,education.school,40003032948,2022-09-01,',
        column: 'value',
        reason: 'value_not_allowed',
      },
      {
        name: 'valid_to before valid_from',
        row: '161175-19997,disability.group,II,2024-05-01,2024-04-30',
        column: 'valid_to',
        reason: 'period_order',
      },
      {
        name: 'an unknown municipality',
        row: '161175-19997,residence.municipality,Rīgas rajons,2022-01-01,',
        column: 'value',
        reason: 'unknown_municipality',
      },
      {
        name: 'Varakļānu novads after it merged',
        row: '161175-19997,residence.municipality,Varakļānu novads,2024-01-01,',
        column: 'value',
        reason: 'unknown_municipality',
      },
      {
        name: 'a missing valid_from',
        row: '161175-19997,pension.old_age,true,,',
        column: 'valid_from',
        reason: 'required',
      },
    ])
    .run(async ({ assert }, { row, column, reason }) => {
      assert.deepEqual(issues(await validate('facts', `${FACTS}${row}\n`)), [
        { line: 2, column, reason },
      ])
    })

  test('accepts a municipality over its whole period and rejects a duplicate row', async ({
    assert,
  }) => {
    const row = '161175-19997,residence.municipality,Varakļānu novads,2022-01-01,2025-06-30'
    const results = await validate('facts', `${FACTS}${row}\n${row}\n`)
    assert.isTrue(results[0].ok)
    assert.deepEqual(issues(results), [{ line: 3, column: null, reason: 'duplicate_row' }])
  })

  test('accepts residence from before the 2009 list under a name still in force', async ({
    assert,
  }) => {
    const results = await validate(
      'facts',
      `${FACTS}161175-19997,residence.municipality,Rīga,2000-01-01,\n` +
        `161175-19997,residence.municipality,Ķekavas novads,2015-01-01,\n` +
        `161175-19997,residence.municipality,Salas novads,2010-01-01,2021-06-30\n`
    )
    assert.isTrue(results.every((r) => r.ok))
  })

  test('stores a decomposed municipality name in NFC and sees its duplicate', async ({
    assert,
  }) => {
    const decomposed = 'Ķekavas novads'.normalize('NFD')
    const results = await validate(
      'facts',
      `${FACTS}161175-19997,residence.municipality,${decomposed},2022-01-01,\n` +
        `161175-19997,residence.municipality,Ķekavas novads,2022-01-01,\n`
    )
    assert.isTrue(results[0].ok)
    assert.equal(
      results[0].ok && results[0].kind === 'facts' && results[0].row.value,
      'Ķekavas novads'
    )
    assert.deepEqual(issues(results), [{ line: 3, column: null, reason: 'duplicate_row' }])
  })

  test('keeps spaces around a municipality name and refuses it', async ({ assert }) => {
    const [result] = await validate(
      'facts',
      `${FACTS}161175-19997,residence.municipality, Rīga,2022-01-01,\n`
    )
    assert.isFalse(result.ok)
    assert.deepEqual(!result.ok && result.issue.detail, {
      key: 'municipality_unknown_suggestion',
      values: { name: ' Rīga', suggestion: 'Rīga' },
    })
  })

  test('says what is wrong with a refused municipality: {name}')
    .with([
      {
        name: 'a misspelt name',
        row: 'Riga,2000-01-01,',
        detail: {
          key: 'municipality_unknown_suggestion',
          values: { name: 'Riga', suggestion: 'Rīga' },
        },
      },
      {
        name: 'an unknown name',
        row: 'Rīgas rajons,2022-01-01,',
        detail: { key: 'municipality_unknown', values: { name: 'Rīgas rajons' } },
      },
      {
        name: 'a 2009 novads past 2021-06-30',
        row: 'Salas novads,2010-01-01,2022-12-31',
        detail: {
          key: 'municipality_ended_successor',
          values: { name: 'Salas novads', day: '2021-07-01', successor: 'Jēkabpils novads' },
        },
      },
      {
        name: 'a 2021 novads before 2021-07-01',
        row: 'Augšdaugavas novads,2000-01-01,',
        detail: {
          key: 'municipality_not_yet_predecessors',
          values: {
            name: 'Augšdaugavas novads',
            from: '2021-07-01',
            predecessors: 'Daugavpils novads, Ilūkstes novads',
          },
        },
      },
    ])
    .run(async ({ assert }, { row, detail }) => {
      const [result] = await validate(
        'facts',
        `${FACTS}161175-19997,residence.municipality,${row}\n`
      )
      assert.isFalse(result.ok)
      assert.equal(!result.ok && result.issue.reason, 'unknown_municipality')
      assert.deepEqual(!result.ok && result.issue.detail, detail)
    })
})

test.group('Row validator / identifiers', () => {
  test('accepts a valid identifier and rejects unknown types and statuses', async ({ assert }) => {
    const results = await validate(
      'identifiers',
      `${IDENTIFIERS}161175-19997,eid,PA1234567,pmlp,2024-01-01,2029-01-01,active\n` +
        `161175-19997,passport,LV1,pmlp,2024-01-01,,active\n` +
        `161175-19997,eid,PA1234568,pmlp,2024-01-01,,lost\n`
    )
    assert.isTrue(results[0].ok)
    assert.deepEqual(issues(results), [
      { line: 3, column: 'type', reason: 'identifier_type' },
      { line: 4, column: 'status', reason: 'identifier_status' },
    ])
  })
})

test.group('Row validator / generated files', () => {
  test('accepts every generated row and rejects exactly the planted ones', async ({ assert }) => {
    const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-validate-'))
    try {
      const summary = await generatePopulation({
        persons: 1500,
        seed: 'validate',
        outDir,
        badRows: 20,
      })
      const expectedReason: Record<string, string> = {
        bad_check_digit: 'bad_check_digit',
        impossible_date: 'impossible_date',
        unknown_attribute: 'unknown_attribute',
        value_not_allowed: 'value_not_allowed',
        valid_to_before_valid_from: 'period_order',
        unknown_municipality: 'unknown_municipality',
        duplicate_row: 'duplicate_row',
        wrong_column_count: 'column_count',
        unbalanced_quotes: 'unbalanced_quotes',
        non_utf8: 'non_utf8',
      }
      const plantedText = await readFile(join(outDir, 'planted_bad_rows.csv'), 'utf8')
      const manifest = plantedText
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((line) => line.split(','))
      let accepted = 0
      const rejected: string[] = []
      for (const kind of ['persons', 'facts', 'identifiers'] as const) {
        const stream = createReadStream(join(outDir, `${kind}.csv`), { highWaterMark: 4096 })
        for await (const result of validateRows(kind, stream, catalogue)) {
          if (result.ok) accepted++
          else rejected.push(`${kind}.csv,${result.issue.line},${result.issue.reason}`)
        }
      }
      assert.equal(accepted, summary.persons + summary.facts + summary.identifiers)
      assert.sameMembers(
        rejected,
        manifest.map(([file, line, , kind]) => `${file},${line},${expectedReason[kind]}`)
      )
    } finally {
      await rm(outDir, { recursive: true, force: true })
    }
  })
})
