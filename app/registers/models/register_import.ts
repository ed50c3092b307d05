import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import type { FileKind } from '#registers/import/row_validator'
import type { FileSummary } from '#registers/import/file_set'
import type { ImportMode, ImportProgress } from '#registers/import/import_file_set'

export type RegisterImportStatus = 'queued' | 'running' | 'succeeded' | 'failed'
export type RegisterImportOrigin = 'cli' | 'portal' | 'api' | 'bench'

/** Why the platform, not the file, failed an import (translated on the import page). */
export type RegisterImportFailureReason = 'worker_stopped' | 'queue_lost'

/** Column values of a guarded update (plain values or `db.raw`). */
type Changes = Partial<Record<Extract<keyof ModelAttributes<RegisterImport>, string>, unknown>>

/** Bigint columns arrive from pg as strings. */
const bigint = {
  consume: (value: string | number | null) => (value === null ? value : Number(value)),
}

/**
 * One run of a register import and its lifecycle:
 *
 *   queued (portal upload) → running → succeeded | failed
 *
 * Every change of status is a guarded UPDATE (`… WHERE status = <expected>`): the recovery job
 * may fail a running import at any time (see recover_dead_imports.ts), and a late write of its
 * own process must not undo that. The methods answer whether the row was still in the expected
 * state; they write the row, not this instance's attributes.
 *
 * Two transitions run on the import's own raw connection instead and live in
 * register_import_raw_writes.ts: turning `running` (with the liveness lock, in one transaction)
 * and `succeeded` (inside the transaction that applies the batch).
 */
export default class RegisterImport extends BaseModel {
  static table = 'register_imports'

  @column({ isPrimary: true, ...bigint })
  declare id: number

  @column()
  declare dataSourceId: number

  @column()
  declare mode: ImportMode

  @column()
  declare status: RegisterImportStatus

  @column()
  declare origin: RegisterImportOrigin

  /** `queued`, `loading`, `applying`, `done`. */
  @column()
  declare phase: string | null

  @column.date()
  declare batchDate: DateTime | null

  @column()
  declare accepted: number

  @column()
  declare unchanged: number

  @column()
  declare rejected: number

  @column(bigint)
  declare bytesTotal: number

  @column(bigint)
  declare bytesDone: number

  @column(bigint)
  declare rowsRead: number

  @column()
  declare summary: Partial<Record<FileKind, FileSummary>>

  @column()
  declare errorReportPath: string | null

  @column()
  declare errorMessage: string | null

  @column()
  declare failureReason: RegisterImportFailureReason | null

  /** A portal upload's files, until the import has run. */
  @column()
  declare uploadDir: string | null

  @column()
  declare createdByUserId: number | null

  @column.dateTime()
  declare startedAt: DateTime

  @column.dateTime()
  declare heartbeatAt: DateTime | null

  @column.dateTime()
  declare finishedAt: DateTime | null

  /** Queued or running: its files and staging tables are still in use. */
  get isUnfinished() {
    return this.status === 'queued' || this.status === 'running'
  }

  /** A portal upload, waiting for the job that runs it (StartImport). */
  static queueUpload(input: {
    dataSourceId: number
    mode: ImportMode
    batchDate: string
    userId: number | null
  }) {
    return RegisterImport.create({
      dataSourceId: input.dataSourceId,
      mode: input.mode,
      status: 'queued',
      origin: 'portal',
      phase: 'queued',
      batchDate: DateTime.fromISO(input.batchDate),
      startedAt: DateTime.now(),
      createdByUserId: input.userId,
    })
  }

  /** Where the queued upload's files were put. */
  async attachUpload(uploadDir: string) {
    this.uploadDir = uploadDir
    await this.save()
  }

  /** Running: the heartbeat the recovery job reads (import_liveness.ts). */
  async beat() {
    return this.#whileRunning({ heartbeatAt: db.raw('now()') })
  }

  /** Running: how far it got; also a heartbeat. */
  async recordProgress(progress: ImportProgress) {
    return this.#whileRunning({
      phase: progress.phase,
      bytesDone: progress.bytesDone,
      rowsRead: progress.rowsRead,
      heartbeatAt: db.raw('now()'),
    })
  }

  /** Running → failed by its own process: nothing of the batch was applied. */
  async fail(failure: { message: string; rejected: number; errorReportPath: string | null }) {
    return this.#whileRunning({
      status: 'failed',
      phase: 'done',
      finishedAt: new Date(),
      accepted: 0,
      unchanged: 0,
      rejected: failure.rejected,
      errorMessage: failure.message.slice(0, 2000),
      errorReportPath: failure.errorReportPath,
    })
  }

  /** Running → failed by the recovery job: its worker is gone (recover_dead_imports.ts). */
  async failStoppedWorker() {
    return this.#whileRunning({
      status: 'failed',
      phase: 'done',
      finishedAt: db.raw('now()'),
      accepted: 0,
      unchanged: 0,
      failureReason: 'worker_stopped',
      errorMessage: `The import worker stopped at row ${this.rowsRead}; nothing from this import was applied; upload again.`,
      errorReportPath: null,
      uploadDir: null,
    })
  }

  /** Queued → failed: refused before it started (e.g. no file in the set). */
  async refuse(message: string) {
    return this.#whileQueued({
      status: 'failed',
      phase: 'done',
      finishedAt: new Date(),
      errorMessage: message.slice(0, 2000),
    })
  }

  /** Queued → failed: the in-process queue that held it stopped and its files are gone. */
  async failLostQueue() {
    return this.#whileQueued({
      status: 'failed',
      phase: 'done',
      finishedAt: new Date(),
      failureReason: 'queue_lost',
      errorMessage:
        'The queue holding this import stopped before it started; nothing was applied; upload again.',
      uploadDir: null,
    })
  }

  #whileRunning(changes: Changes) {
    return this.#whileIn('running', changes)
  }

  #whileQueued(changes: Changes) {
    return this.#whileIn('queued', changes)
  }

  /** True when the row was still `status` and took the changes. */
  async #whileIn(status: RegisterImportStatus, changes: Changes) {
    const [updated] = await RegisterImport.query()
      .where('id', this.id)
      .where('status', status)
      .update(changes)
    return Number(updated) > 0
  }
}
