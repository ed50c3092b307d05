import { test } from '@japa/runner'
import { personalCodeHash } from '#registers/personal_code_protection'
import { hashIdentifier, hashNormalizedCode } from '#registers/import/keyed_hash'
import { importCatalogue, registrableAttributes } from '#registers/import/import_catalogue'
import { validateRows, type ValidatedRow } from '#registers/import/row_validator'

async function validate(text: string): Promise<ValidatedRow[]> {
  const out: ValidatedRow[] = []
  for await (const row of validateRows('persons', [text], importCatalogue())) {
    out.push(row)
  }
  return out
}

test.group('Register import helpers', () => {
  test('the import hashes codes exactly as personal_code_protection does', ({ assert }) => {
    assert.equal(hashNormalizedCode('161175-19997'), personalCodeHash('16117519997'))
    assert.notEqual(hashIdentifier('eid', 'PA1'), hashIdentifier('etalons', 'PA1'))
  })

  test('the import catalogue knows the attributes plugins declare', ({ assert }) => {
    const keys = registrableAttributes()
    assert.includeMembers(keys, ['residence.municipality', 'disability.group', 'education.grade'])
    assert.isNull(importCatalogue().checkValue('disability.group', 'II', '2024-01-01', null))
  })

  test('persons.csv may carry the previous personal code as a sixth column', async ({ assert }) => {
    const header =
      'personal_code,given_names,surname,birth_date,death_date,previous_personal_code\n'
    const [switched, same, bad] = await validate(
      header +
        '321234-56789,Jānis,Bērziņš,1975-11-16,,161175-19997\n' +
        '161175-19997,Jānis,Bērziņš,1975-11-16,,16117519997\n' +
        '321234-56788,Jānis,Bērziņš,1975-11-16,,161175-19998\n'
    )
    assert.deepInclude(switched, {
      ok: true,
      row: {
        personalCode: '321234-56789',
        givenNames: 'Jānis',
        surname: 'Bērziņš',
        birthDate: '1975-11-16',
        deathDate: null,
        previousPersonalCode: '161175-19997',
      },
    })
    assert.deepInclude(same, {
      ok: false,
      issue: {
        line: 3,
        column: 'previous_personal_code',
        reason: 'previous_code_same',
        personalCode: '161175-19997',
      },
    })
    assert.deepInclude(bad, {
      ok: false,
      issue: {
        line: 4,
        column: 'previous_personal_code',
        reason: 'bad_check_digit',
        personalCode: '321234-56788',
      },
    })
  })
})
