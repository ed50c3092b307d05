import db from '@adonisjs/lucid/services/db'
import { findDataSourceByCode } from '#registers/queries/data_sources'
import { MAX_PUSH_ROWS, pushChanges, type PushRejection } from '#registers/push/push_changes'
import { announceFactsChanged } from '#registers/events/announce_facts_changed'
import type { RegisterConnector } from '#registers/connectors/register_connector'

export interface PullResult {
  connector: string
  batches: number
  accepted: number
  unchanged: number
  rejected: Array<PushRejection & { batch: number }>
  changeLogEntries: number
  cursor: string | null
}

export async function readCursor(key: string): Promise<string | null> {
  const row = await db.from('register_connector_cursors').where('connector', key).first()
  return row?.cursor ?? null
}

/**
 * Runs a connector from its stored cursor: each batch goes through the push path (validation,
 * exactly-once apply, change log) and the cursor moves after the batch is applied. A crash
 * between the two only means the batch is pulled again, which changes nothing the second
 * time. Dispatches the incremental entitlement pass when anything changed.
 */
export async function pullConnector(
  connector: RegisterConnector,
  options: { onBatch?: (index: number, result: PullResult) => void } = {}
): Promise<PullResult> {
  const source = await findDataSourceByCode(connector.source)
  if (!source) throw new Error(`Connector "${connector.id}": no data source "${connector.source}"`)
  const result: PullResult = {
    connector: connector.id,
    batches: 0,
    accepted: 0,
    unchanged: 0,
    rejected: [],
    changeLogEntries: 0,
    cursor: await readCursor(connector.id),
  }
  try {
    for await (const batch of connector.pull(result.cursor)) {
      const rows = (batch.persons?.length ?? 0) + (batch.facts?.length ?? 0)
      if (rows > MAX_PUSH_ROWS) {
        throw new Error(
          `Connector "${connector.id}" sent ${rows} rows in one batch (max ${MAX_PUSH_ROWS})`
        )
      }
      const applied = await pushChanges(source, batch, { origin: 'cli' })
      result.batches++
      result.accepted += applied.accepted
      result.unchanged += applied.unchanged
      result.changeLogEntries += applied.changeLogEntries
      for (const row of applied.rejected) result.rejected.push({ ...row, batch: result.batches })
      result.cursor = batch.cursor
      await db
        .insertQuery()
        .table('register_connector_cursors')
        .insert({
          connector: connector.id,
          cursor: batch.cursor,
          batches: 1,
          last_import_id: applied.importId,
          updated_at: new Date(),
        })
        .onConflict('connector')
        .merge({
          cursor: batch.cursor,
          batches: db.raw('register_connector_cursors.batches + 1'),
          last_import_id: applied.importId,
          updated_at: new Date(),
        })
      options.onBatch?.(result.batches, result)
    }
  } finally {
    await announceFactsChanged('connector', result.changeLogEntries)
  }
  return result
}
