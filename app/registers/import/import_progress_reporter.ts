import type RegisterImport from '#registers/models/register_import'
import type { FileKind } from '#registers/import/row_validator'
import type { ImportProgress } from '#registers/import/import_file_set'

/** How often progress reaches the database (the import page polls it). */
const SAVE_EVERY_MS = 1000

/** Progress is reported each time this many more rows were read. */
const ROWS_PER_REPORT = 10_000

/**
 * The progress of one import: handed to the caller's `onProgress` on every report, and saved on
 * the import's row at most once a second (and whenever the phase changes).
 */
export class ImportProgressReporter {
  readonly #progress: ImportProgress
  #run: RegisterImport
  #onProgress?: (progress: ImportProgress) => void
  #lastSaved = performance.now()

  constructor(
    run: RegisterImport,
    bytesTotal: number,
    onProgress?: (progress: ImportProgress) => void
  ) {
    this.#run = run
    this.#onProgress = onProgress
    this.#progress = { phase: 'loading', file: null, bytesDone: 0, bytesTotal, rowsRead: 0 }
  }

  get rowsRead() {
    return this.#progress.rowsRead
  }

  /** The file loading started last (files load at once). */
  loading(file: FileKind) {
    this.#progress.file = file
  }

  addBytes(bytes: number) {
    this.#progress.bytesDone += bytes
  }

  async addRows(rows: number) {
    const before = this.#progress.rowsRead
    this.#progress.rowsRead += rows
    if (
      Math.floor(this.#progress.rowsRead / ROWS_PER_REPORT) > Math.floor(before / ROWS_PER_REPORT)
    ) {
      await this.#report()
    }
  }

  /** The files are loaded: the batch is being applied. */
  async applying() {
    this.#progress.phase = 'applying'
    this.#progress.file = null
    await this.#report(true)
  }

  /** Applied: the caller hears it; the row says so already (it turned `succeeded`). */
  done() {
    this.#progress.phase = 'done'
    this.#onProgress?.(this.#progress)
  }

  async #report(force = false) {
    this.#onProgress?.(this.#progress)
    const now = performance.now()
    if (!force && now - this.#lastSaved < SAVE_EVERY_MS) return
    this.#lastSaved = now
    // Through the pool: the import's own connection may be busy with a COPY.
    await this.#run.recordProgress(this.#progress)
  }
}
