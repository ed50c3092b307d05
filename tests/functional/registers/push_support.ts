import db from '@adonisjs/lucid/services/db'
import { GENESIS_MAC } from '#platform/audit/audit_hash'
import queue from '#platform/services/queue'
import { buildOldPersonalCode } from '#registers/personal_code'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { emptyRegisters, makeSource } from './import_support.js'

export const JANIS = '161175-19997'
export const ANNA = buildOldPersonalCode(1982, 3, 4, 123)

export const janis = {
  personal_code: JANIS,
  given_names: 'Jānis',
  surname: 'Bērziņš',
  birth_date: '1975-11-16',
}
export const anna = {
  personal_code: ANNA,
  given_names: 'Anna',
  surname: 'Kalniņa',
  birth_date: '1982-03-04',
  death_date: null,
}

/** Registers and data-source clients are emptied between tests: pushes commit. */
export async function emptyPushState() {
  // Pushes dispatch the incremental entitlement pass in-process: let it finish first.
  await queue.drain()
  await emptyRegisters()
  await db.from('api_clients').where('owner_type', 'data_source').delete()
  await db.connection('owner').rawQuery('TRUNCATE register_connector_cursors')
}

/** A data source with an API client; `authorization` is a ready bearer header. */
export async function sourceWithClient(overrides: Parameters<typeof makeSource>[0] = {}) {
  const source = await makeSource(overrides)
  const { client } = await makeApiClient({ dataSourceId: source.id })
  return { source, client, authorization: await bearerFor(client) }
}

export async function changeLogCount() {
  const [row] = await db.from('change_log').count('* as n')
  return Number(row.n)
}

/** The last audit row's id, to drop what a committing test adds (see dropAuditAfter). */
export async function auditMark() {
  const row = await db.from('audit_logs').max('id as id').first()
  return Number(row?.id ?? 0)
}

/**
 * Removes the audit rows written after the mark, with their checkpoints, and moves the chain
 * head back to the mark, as if they had never been written. Tests that cannot roll back (imports
 * commit on their own connection) would otherwise leave rows that later suites (the audit chain)
 * count; the owner lifts the append-only triggers for these statements.
 */
export async function dropAuditAfter(mark: number) {
  // The owner: the app's role may neither lift triggers nor delete audit rows.
  const owner = db.connection('owner')
  await owner.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER USER')
  await owner.rawQuery('ALTER TABLE audit_checkpoints DISABLE TRIGGER USER')
  try {
    await owner.from('audit_logs').where('id', '>', mark).delete()
    await owner.from('audit_checkpoints').where('last_id', '>', mark).delete()
    await owner.rawQuery(
      `UPDATE audit_chain_head SET last_id = ?,
         last_mac = COALESCE((SELECT mac FROM audit_logs WHERE id = ?), ?),
         entry_count = (SELECT count(*) FROM audit_logs WHERE id <= ?),
         checkpoint_count = COALESCE((SELECT max(entry_count) FROM audit_checkpoints), 0)`,
      [mark, mark, GENESIS_MAC, mark]
    )
  } finally {
    await owner.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER USER')
    await owner.rawQuery('ALTER TABLE audit_checkpoints ENABLE TRIGGER USER')
  }
}
