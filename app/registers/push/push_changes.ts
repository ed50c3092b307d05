import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import { csvField } from '#registers/population/csv_writer'
import { HEADERS, OPTIONAL_COLUMNS, type FileKind } from '#registers/import/row_validator'
import type { FileSet } from '#registers/import/file_set'
import {
  importFileSet,
  type ImportMode,
  type ImportOptions,
  type ImportSource,
} from '#registers/import/import_file_set'

export { MAX_PUSH_ROWS } from '#registers/push/limits'

/**
 * A batch of register changes as JSON (docs/contracts.md, "Registers"): the push API's body
 * and what a connector yields. It goes through the very same validation and apply path as a
 * file set: the rows are written as the exchange CSV (header = line 1, row i = line i + 2)
 * and handed to `importFileSet`, so a batch is applied exactly once, unchanged rows are
 * counted and not rewritten, and every change is appended to `change_log`.
 */
export interface PushPerson {
  personal_code: unknown
  given_names: unknown
  surname: unknown
  birth_date: unknown
  death_date?: unknown
  /** Addition (same as the optional persons.csv column): the code the person had before. */
  previous_personal_code?: unknown
}

export interface PushFact {
  personal_code: unknown
  attribute: unknown
  value: unknown
  valid_from: unknown
  valid_to?: unknown
}

export interface PushBatch {
  mode: ImportMode
  persons?: PushPerson[]
  facts?: PushFact[]
  /** The day the batch describes (YYYY-MM-DD, default today in Riga); snapshots end facts the day before. */
  batch_date?: string
}

export type PushRowKind = 'persons' | 'facts'

export interface PushRejection {
  /** Position of the row in its array (`persons` or `facts`), from 0. */
  index: number
  kind: PushRowKind
  /** The JSON field at fault, or null when the row as a whole is refused. */
  field: string | null
  /** Reason code: those of the file import (`registers.import.reasons.*`) plus `not_a_string`. */
  reason: string
  /**
   * The error report's description in the import's locale, which may say more than the reason
   * (e.g. which municipality name was meant); absent for rows refused before the import.
   */
  message?: string
}

export interface PushResult {
  /** The `register_imports` row of this batch; null when nothing was left to apply. */
  importId: number | null
  accepted: number
  unchanged: number
  rejected: PushRejection[]
  changeLogEntries: number
}

const SCALAR = new Set(['string', 'number', 'boolean'])

/**
 * A cell of the CSV, or the reason the JSON value cannot be one. Numbers and booleans are
 * accepted as their text (`true`, `3`), absent or null optional values as empty; a line
 * break would split the row, so it is refused here.
 */
function cell(value: unknown): { ok: true; text: string } | { ok: false; reason: string } {
  if (value === undefined || value === null) return { ok: true, text: '' }
  if (!SCALAR.has(typeof value)) return { ok: false, reason: 'not_a_string' }
  const text = String(value)
  if (/[\r\n]/.test(text)) return { ok: false, reason: 'line_break' }
  return { ok: true, text }
}

interface Prepared {
  csv: string
  /** CSV line → index in the JSON array. */
  indexByLine: number[]
}

function toCsv(
  kind: PushRowKind,
  rows: Record<string, unknown>[],
  columns: readonly string[],
  rejected: PushRejection[]
): Prepared | null {
  const lines = [columns.join(',')]
  const indexByLine: number[] = []
  rows.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      rejected.push({ index, kind, field: null, reason: 'not_an_object' })
      return
    }
    const cells: string[] = []
    for (const column of columns) {
      const result = cell(row[column])
      if (!result.ok) {
        rejected.push({ index, kind, field: column, reason: result.reason })
        return
      }
      cells.push(csvField(result.text))
    }
    indexByLine[lines.length + 1] = index
    lines.push(cells.join(','))
  })
  if (lines.length === 1) return null
  return { csv: lines.join('\n') + '\n', indexByLine }
}

function columnsFor(kind: PushRowKind, rows: Record<string, unknown>[]) {
  const base = HEADERS[kind]
  const optional = OPTIONAL_COLUMNS[kind].filter((column) =>
    rows.some(
      (row) => row && typeof row === 'object' && row[column] !== null && row[column] !== undefined
    )
  )
  return [...base, ...optional]
}

/**
 * Applies one batch for the data source. Rows the source may not deliver (persons when it does
 * not deliver persons, attributes it is not registered for) and invalid rows are answered in
 * `rejected` with their index, field and reason; everything else is applied in one transaction.
 */
export async function pushChanges(
  source: ImportSource,
  batch: PushBatch,
  options: { origin?: ImportOptions['origin']; locale?: string } = {}
): Promise<PushResult> {
  const rejected: PushRejection[] = []
  const persons = (batch.persons ?? []) as unknown as Record<string, unknown>[]
  const facts = (batch.facts ?? []) as unknown as Record<string, unknown>[]

  const prepared: Partial<Record<PushRowKind, Prepared>> = {}
  if (persons.length > 0 && !source.deliversPersons) {
    persons.forEach((_row, index) =>
      rejected.push({ index, kind: 'persons', field: null, reason: 'file_not_allowed' })
    )
  } else if (persons.length > 0) {
    prepared.persons =
      toCsv('persons', persons, columnsFor('persons', persons), rejected) ?? undefined
  }
  if (facts.length > 0) {
    prepared.facts = toCsv('facts', facts, HEADERS.facts, rejected) ?? undefined
  }

  const result: PushResult = {
    importId: null,
    accepted: 0,
    unchanged: 0,
    rejected,
    changeLogEntries: 0,
  }
  if (!prepared.persons && !prepared.facts) return sortRejections(result)

  const files: FileSet = {}
  for (const kind of ['persons', 'facts'] as const) {
    const text = prepared[kind]?.csv
    if (text !== undefined) files[kind] = () => [text]
  }
  // The error report stays where the portal offers it, like a file import's.
  const outcome = await importFileSet(files, {
    source,
    mode: batch.mode,
    batchDate: batch.batch_date,
    origin: options.origin ?? 'api',
    locale: options.locale,
  })
  result.importId = outcome.importId
  result.accepted = outcome.accepted
  result.unchanged = outcome.unchanged
  result.changeLogEntries = outcome.changeLogEntries
  if (outcome.errorReportPath) {
    const report = parse(await readFile(outcome.errorReportPath), { columns: true }) as {
      file: FileKind
      line: string
      column: string
      reason: string
      description: string
    }[]
    for (const row of report) {
      const kind = row.file as PushRowKind
      const index = prepared[kind]?.indexByLine[Number(row.line)]
      if (index === undefined) continue
      rejected.push({
        index,
        kind,
        field: row.column || null,
        reason: row.reason,
        message: row.description,
      })
    }
  }
  return sortRejections(result)
}

function sortRejections(result: PushResult) {
  result.rejected.sort((a, b) =>
    a.kind === b.kind ? a.index - b.index : a.kind === 'persons' ? -1 : 1
  )
  return result
}
