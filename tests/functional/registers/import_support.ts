import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import CreateDataSource from '#registers/actions/create_data_source'
import { registrableAttributes } from '#registers/import/import_catalogue'

export const PERSONS_HEADER = 'personal_code,given_names,surname,birth_date,death_date'
export const FACTS_HEADER = 'personal_code,attribute,value,valid_from,valid_to'
export const IDENTIFIERS_HEADER = 'personal_code,type,value,issuer,valid_from,valid_to,status'

/**
 * Register tables are emptied between tests: imports run on their own connection and commit.
 * The owner empties them (the app's role may not TRUNCATE).
 */
export async function emptyRegisters() {
  await db
    .connection('owner')
    .rawQuery(
      'TRUNCATE change_log, facts, person_identifiers, person_code_history, persons, register_imports, data_sources RESTART IDENTITY CASCADE'
    )
}

export async function makeSource(
  overrides: Partial<{
    code: string
    allowedAttributes: string[]
    deliversPersons: boolean
    deliversIdentifiers: boolean
  }> = {}
) {
  return new CreateDataSource().handle({
    code: overrides.code ?? 'pmlp',
    name: 'Fizisko personu reģistrs',
    allowedAttributes: overrides.allowedAttributes ?? registrableAttributes(),
    deliversPersons: overrides.deliversPersons ?? true,
    deliversIdentifiers: overrides.deliversIdentifiers ?? true,
  })
}

/** Writes a file set into a fresh temp dir; returns the dir and a cleanup. */
export async function writeFileSet(
  files: Partial<Record<'persons' | 'facts' | 'identifiers', string>>
) {
  const dir = await mkdtemp(join(tmpdir(), 'atvieglo-import-'))
  for (const [kind, text] of Object.entries(files)) {
    await writeFile(join(dir, `${kind}.csv`), text)
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export async function countRows(table: string, where?: Record<string, unknown>) {
  const query = db.from(table).count('* as n')
  if (where) query.where(where)
  const [row] = await query
  return Number(row.n)
}

/** Error report rows as `file,line,column,reason`. */
export function reportRows(text: string) {
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 4).join(','))
}
