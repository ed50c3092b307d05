import { isIdentifierStatus, isIdentifierType } from '#platform/identifiers/identifier_types'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { parsePersonalCode, type PersonalCodeResult } from '#registers/personal_code'
import type { AttributeCatalogue, ValueDetail } from '#registers/attribute_catalogue'
import { readCsvBatches } from '#registers/import/csv_reader'

/**
 * Validates a register exchange file row by row while streaming it. Each row comes out either
 * accepted (typed) or rejected with its line, column and a reason code; reason codes have
 * translations under `registers.import.reasons.<reason>`.
 */
export type FileKind = 'persons' | 'facts' | 'identifiers'

export const HEADERS: Record<FileKind, readonly string[]> = {
  persons: ['personal_code', 'given_names', 'surname', 'birth_date', 'death_date'],
  facts: ['personal_code', 'attribute', 'value', 'valid_from', 'valid_to'],
  identifiers: ['personal_code', 'type', 'value', 'issuer', 'valid_from', 'valid_to', 'status'],
}

/**
 * Optional trailing columns (an addition to docs/contracts.md, "Register exchange files"):
 * persons.csv may end with `previous_personal_code`, the code the person had before switching
 * to `personal_code`.
 */
export const OPTIONAL_COLUMNS: Record<FileKind, readonly string[]> = {
  persons: ['previous_personal_code'],
  facts: [],
  identifiers: [],
}

export type RejectReason =
  | 'header'
  | 'non_utf8'
  | 'unbalanced_quotes'
  | 'column_count'
  | 'required'
  | 'too_long'
  | 'personal_code_format'
  | 'bad_check_digit'
  | 'impossible_date'
  | 'invalid_date'
  | 'birth_date_mismatch'
  | 'period_order'
  | 'unknown_attribute'
  | 'value_not_allowed'
  | 'unknown_municipality'
  | 'identifier_type'
  | 'identifier_status'
  | 'duplicate_row'
  | 'previous_code_same'
  // Decided by the import rather than the row itself:
  | 'file_not_allowed'
  | 'attribute_not_allowed'
  | 'unknown_person'
  | 'conflicting_row'
  | 'code_replaced'

export interface RowIssue {
  line: number
  column: string | null
  reason: RejectReason
  /** The row's normalized personal code, when it was a valid one. */
  personalCode?: string
  /** What exactly is wrong, when the reason alone does not say (e.g. a municipality's dates). */
  detail?: ValueDetail
}

export interface PersonRow {
  personalCode: string
  givenNames: string
  surname: string
  birthDate: string
  deathDate: string | null
  /** Normalized code the person had before, when the file says so. */
  previousPersonalCode?: string | null
}

export interface FactRow {
  personalCode: string
  attribute: string
  value: string
  validFrom: string
  validTo: string | null
}

export interface IdentifierRow {
  personalCode: string
  type: string
  value: string
  issuer: string
  validFrom: string
  validTo: string | null
  status: string
}

export type ValidatedRow =
  | { ok: true; line: number; kind: 'persons'; row: PersonRow }
  | { ok: true; line: number; kind: 'facts'; row: FactRow }
  | { ok: true; line: number; kind: 'identifiers'; row: IdentifierRow }
  | { ok: false; issue: RowIssue }

/**
 * Remembers rows already seen by three independent 32-bit hashes (a 85-bit fingerprint), so
 * duplicates are found in bounded memory per row, without keeping the rows themselves: an
 * open-addressing table in typed arrays, 13 bytes a slot at most three quarters full (a Map of numbers
 * costs ~60 bytes a row, and the three files of a national import are validated at once).
 */
class DuplicateDetector {
  #h1 = new Uint32Array(1 << 16)
  #h2 = new Uint32Array(1 << 16)
  #h3 = new Uint32Array(1 << 16)
  #used = new Uint8Array(1 << 16)
  #size = 0

  /** True when an identical row was seen before. */
  check(fields: string[]): boolean {
    let h1 = 0x811c9dc5
    let h2 = 0x9747b28c
    let h3 = 0x2545f491
    for (const field of fields) {
      for (let i = 0; i <= field.length; i++) {
        const c = i < field.length ? field.charCodeAt(i) : 0x1f
        h1 = Math.imul(h1 ^ c, 0x01000193)
        h2 = Math.imul(h2 ^ c, 0x5bd1e995)
        h2 ^= h2 >>> 15
        h3 = Math.imul(h3 + c, 0x9e3779b1) ^ (h3 >>> 13)
      }
    }
    h1 >>>= 0
    h2 = (h2 >>> 0) & 0x1fffff
    h3 >>>= 0
    if (this.#find(h1, h2, h3)) return true
    if ((this.#size + 1) * 4 > this.#used.length * 3) this.#grow()
    this.#insert(h1, h2, h3)
    return false
  }

  #find(h1: number, h2: number, h3: number): boolean {
    const mask = this.#used.length - 1
    for (let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      if (!this.#used[slot]) return false
      if (this.#h1[slot] === h1 && this.#h2[slot] === h2 && this.#h3[slot] === h3) return true
    }
  }

  #insert(h1: number, h2: number, h3: number) {
    const mask = this.#used.length - 1
    let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask
    while (this.#used[slot]) slot = (slot + 1) & mask
    this.#used[slot] = 1
    this.#h1[slot] = h1
    this.#h2[slot] = h2
    this.#h3[slot] = h3
    this.#size++
  }

  #grow() {
    const [h1, h2, h3, used] = [this.#h1, this.#h2, this.#h3, this.#used]
    const length = used.length * 2
    this.#h1 = new Uint32Array(length)
    this.#h2 = new Uint32Array(length)
    this.#h3 = new Uint32Array(length)
    this.#used = new Uint8Array(length)
    this.#size = 0
    for (const [slot, occupied] of used.entries()) {
      if (occupied) this.#insert(h1[slot], h2[slot], h3[slot])
    }
  }
}

function codeProblem(code: string | PersonalCodeResult): RejectReason | null {
  const parsed = typeof code === 'string' ? parsePersonalCode(code) : code
  if (parsed.ok) return null
  return parsed.reason === 'format'
    ? 'personal_code_format'
    : parsed.reason === 'date'
      ? 'impossible_date'
      : 'bad_check_digit'
}

export async function* validateRows(
  kind: FileKind,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  catalogue: AttributeCatalogue
): AsyncGenerator<ValidatedRow> {
  for await (const batch of validateRowBatches(kind, source, catalogue)) yield* batch
}

/** `validateRows` in batches (one per chunk read), without one generator step per row. */
export async function* validateRowBatches(
  kind: FileKind,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  catalogue: AttributeCatalogue
): AsyncGenerator<ValidatedRow[]> {
  let header = HEADERS[kind]
  const duplicates = new DuplicateDetector()
  let headerSeen = false
  for await (const events of readCsvBatches(source)) {
    const out: ValidatedRow[] = []
    for (const event of events) {
      if (event.kind === 'error') {
        const column = event.column === null ? null : (header[event.column - 1] ?? null)
        out.push({ ok: false, issue: { line: event.line, column, reason: event.reason } })
        if (!headerSeen && event.line === 1) {
          yield out
          return
        }
        continue
      }
      const { line, fields } = event
      const code = fields.length > 0 ? parsePersonalCode(fields[0]) : null
      const reject = (
        column: string | null,
        reason: RejectReason,
        detail?: ValueDetail
      ): ValidatedRow => ({
        ok: false,
        issue: {
          line,
          column,
          reason,
          ...(code?.ok ? { personalCode: code.normalized } : {}),
          ...(detail ? { detail } : {}),
        },
      })
      if (!headerSeen) {
        headerSeen = true
        const extended = [...header, ...OPTIONAL_COLUMNS[kind]]
        if (OPTIONAL_COLUMNS[kind].length > 0 && fields.join(',') === extended.join(',')) {
          header = extended
        } else if (fields.join(',') !== header.join(',')) {
          out.push(reject(null, 'header'))
          yield out
          return
        }
        continue
      }
      if (fields.length !== header.length) {
        out.push(reject(null, 'column_count'))
        continue
      }
      // Before the duplicate check, so that two spellings of one value are one row.
      if (kind === 'facts') fields[2] = catalogue.normalizeValue(fields[1], fields[2])
      const issue = checkRow(kind, fields, code!, catalogue)
      if (issue) {
        out.push(reject(...issue))
        continue
      }
      if (duplicates.check(fields)) {
        out.push(reject(null, 'duplicate_row'))
        continue
      }
      out.push(toRow(kind, line, fields, code!))
    }
    if (out.length > 0) yield out
  }
  if (!headerSeen) yield [{ ok: false, issue: { line: 1, column: null, reason: 'header' } }]
}

function checkDates(
  fromColumn: string,
  from: string,
  toColumn: string,
  to: string
): [string, RejectReason] | null {
  if (!from) return [fromColumn, 'required']
  if (!isCalendarDate(from)) return [fromColumn, 'invalid_date']
  if (to && !isCalendarDate(to)) return [toColumn, 'invalid_date']
  if (to && to < from) return [toColumn, 'period_order']
  return null
}

function checkRow(
  kind: FileKind,
  fields: string[],
  parsed: PersonalCodeResult,
  catalogue: AttributeCatalogue
): [string, RejectReason, ValueDetail?] | null {
  const code = codeProblem(parsed)
  if (code) return ['personal_code', code]
  if (kind === 'persons') {
    const [, givenNames, surname, birthDate, deathDate] = fields
    if (!givenNames) return ['given_names', 'required']
    if (!surname) return ['surname', 'required']
    if (givenNames.length > 200) return ['given_names', 'too_long']
    if (surname.length > 200) return ['surname', 'too_long']
    const dates = checkDates('birth_date', birthDate, 'death_date', deathDate)
    if (dates) return dates
    if (parsed.ok && parsed.birthDate && parsed.birthDate !== birthDate) {
      return ['birth_date', 'birth_date_mismatch']
    }
    const previous = fields[5]
    if (previous) {
      const problem = codeProblem(previous)
      if (problem) return ['previous_personal_code', problem]
      const old = parsePersonalCode(previous)
      if (parsed.ok && old.ok && old.normalized === parsed.normalized) {
        return ['previous_personal_code', 'previous_code_same']
      }
    }
    return null
  }
  if (kind === 'facts') {
    const [, attribute, value, validFrom, validTo] = fields
    if (!catalogue.has(attribute)) return ['attribute', 'unknown_attribute']
    if (!value) return ['value', 'required']
    const dates = checkDates('valid_from', validFrom, 'valid_to', validTo)
    if (dates) return dates
    const problem = catalogue.checkValue(attribute, value, validFrom, validTo || null)
    if (!problem) return null
    const detail = catalogue.explainValue(attribute, value, validFrom, validTo || null)
    return detail ? ['value', problem, detail] : ['value', problem]
  }
  const [, type, value, issuer, validFrom, validTo, status] = fields
  if (!isIdentifierType(type)) return ['type', 'identifier_type']
  if (!value) return ['value', 'required']
  if (value.length > 200) return ['value', 'too_long']
  if (!issuer) return ['issuer', 'required']
  const dates = checkDates('valid_from', validFrom, 'valid_to', validTo)
  if (dates) return dates
  if (!isIdentifierStatus(status)) return ['status', 'identifier_status']
  return null
}

function previousCode(value: string): string | null {
  if (!value) return null
  const parsed = parsePersonalCode(value)
  return parsed.ok ? parsed.normalized : null
}

function toRow(
  kind: FileKind,
  line: number,
  f: string[],
  personalCode: PersonalCodeResult
): ValidatedRow {
  if (kind === 'persons') {
    return {
      ok: true,
      line,
      kind,
      row: {
        personalCode: personalCode.ok ? personalCode.normalized : f[0],
        givenNames: f[1],
        surname: f[2],
        birthDate: f[3],
        deathDate: f[4] || null,
        ...(f.length > 5 ? { previousPersonalCode: previousCode(f[5]) } : {}),
      },
    }
  }
  const code = personalCode.ok ? personalCode.normalized : f[0]
  if (kind === 'facts') {
    return {
      ok: true,
      line,
      kind,
      row: {
        personalCode: code,
        attribute: f[1],
        value: f[2],
        validFrom: f[3],
        validTo: f[4] || null,
      },
    }
  }
  return {
    ok: true,
    line,
    kind,
    row: {
      personalCode: code,
      type: f[1],
      value: f[2],
      issuer: f[3],
      validFrom: f[4],
      validTo: f[5] || null,
      status: f[6],
    },
  }
}
