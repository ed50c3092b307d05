import type pg from 'pg'
import RegisterImport, { type RegisterImportOrigin } from '#registers/models/register_import'
import type { FileKind } from '#registers/import/row_validator'
import type { FileSummary } from '#registers/import/file_set'
import type { ImportMode } from '#registers/import/import_file_set'
import { holdImportLock } from '#registers/import/import_liveness'

/*
| The two transitions of a register import (see the model) that cannot go through Lucid: each
| must commit in one transaction with other work on the import's own raw pg connection, which
| Lucid does not manage.
|
| - running: the row turns `running` in the transaction that takes the liveness lock on the
|   connection whose life the lock tracks, so nobody sees a running import whose lock is not
|   held (the recovery job would take it for dead);
| - succeeded: written inside the transaction that applies the batch, so the batch and its
|   status commit together, and an import the recovery job has failed meanwhile cannot commit.
*/

export interface StartInput {
  /** An existing `queued` row (a portal upload) to run; otherwise a running row is created. */
  importId?: number
  dataSourceId: number
  mode: ImportMode
  origin: RegisterImportOrigin
  batchDate: string
  bytesTotal: number
  userId: number | null
}

/**
 * Queued (or nothing) → running, with the liveness lock held on `client` from then on. Null when
 * the queued import is no longer waiting to run (another run claimed it, or it was failed).
 */
export async function startRegisterImport(
  client: pg.ClientBase,
  input: StartInput
): Promise<RegisterImport | null> {
  await client.query('BEGIN')
  try {
    const { rows } = input.importId
      ? await client.query(
          `UPDATE register_imports SET status = 'running', phase = 'loading', started_at = now(),
             heartbeat_at = now(), batch_date = $3, bytes_total = $4
           WHERE id = $1 AND data_source_id = $2 AND status = 'queued' RETURNING *`,
          [input.importId, input.dataSourceId, input.batchDate, input.bytesTotal]
        )
      : await client.query(
          `INSERT INTO register_imports
             (data_source_id, mode, status, origin, started_at, heartbeat_at, batch_date, phase,
              bytes_total, created_by_user_id)
           VALUES ($1, $2, 'running', $3, now(), now(), $4, 'loading', $5, $6) RETURNING *`,
          [
            input.dataSourceId,
            input.mode,
            input.origin,
            input.batchDate,
            input.bytesTotal,
            input.userId,
          ]
        )
    if (rows.length !== 1) {
      await client.query('ROLLBACK')
      return null
    }
    const started = RegisterImport.$createFromAdapterResult(rows[0])!
    await holdImportLock(client, started.id)
    await client.query('COMMIT')
    return started
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

export interface SuccessInput {
  accepted: number
  unchanged: number
  rejected: number
  summaries: Partial<Record<FileKind, FileSummary>>
  errorReportPath: string | null
  rowsRead: number
}

/**
 * Running → succeeded, as the last statement of the apply transaction on `trx`. False when the
 * import is no longer running (the recovery job declared it dead): the caller must not commit.
 */
export async function markRegisterImportSucceeded(
  trx: pg.ClientBase,
  importId: number,
  outcome: SuccessInput
): Promise<boolean> {
  const { rowCount } = await trx.query(
    `UPDATE register_imports SET status = 'succeeded', phase = 'done', finished_at = now(),
       accepted = $2, unchanged = $3, rejected = $4, summary = $5, error_report_path = $6,
       bytes_done = bytes_total, rows_read = $7
     WHERE id = $1 AND status = 'running'`,
    [
      importId,
      outcome.accepted,
      outcome.unchanged,
      outcome.rejected,
      JSON.stringify(outcome.summaries),
      outcome.errorReportPath,
      outcome.rowsRead,
    ]
  )
  return rowCount === 1
}
