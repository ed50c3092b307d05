import type { AttributeCatalogue } from '#registers/attribute_catalogue'
import { validateRowBatches, type FileKind, type RowIssue } from '#registers/import/row_validator'
import type { KeyedHasher } from '#registers/import/keyed_hasher'
import type { StagingValue } from '#registers/import/staging'

/**
 * The row path of an import's loading phase, free of app services so it runs in the main
 * thread or in a worker thread: validated rows become staging rows with
 * codes hashed and persons' codes encrypted, rejected rows become issues. Works in batches (one
 * per chunk read) so no per-row generator step is paid.
 */
export interface StageOptions {
  kind: FileKind
  allowed: ReadonlySet<string>
  catalogue: AttributeCatalogue
  hasher: KeyedHasher
  encrypt: (code: string) => string
}

export interface StagedBatch {
  rows: StagingValue[][]
  issues: RowIssue[]
  /** Hashes of valid codes on rejected fact/identifier rows (hold back a snapshot's endings). */
  held: string[]
  /** Records read, the header included. */
  read: number
  /** Records that were not data rows (a rejected header). */
  headers: number
}

const NEW_FORMAT = /^3[2-9]/

export async function* stageRowBatches(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: StageOptions
): AsyncGenerator<StagedBatch> {
  const { kind, allowed, hasher, encrypt } = options
  let lastCode = ''
  let lastHash = ''
  const codeHash = (code: string) => {
    if (code !== lastCode) {
      lastCode = code
      lastHash = hasher.code(code)
    }
    return lastHash
  }
  for await (const results of validateRowBatches(kind, source, options.catalogue)) {
    const batch: StagedBatch = { rows: [], issues: [], held: [], read: results.length, headers: 0 }
    for (const result of results) {
      if (!result.ok) {
        if (result.issue.reason === 'header') batch.headers++
        batch.issues.push(result.issue)
        if (kind !== 'persons' && result.issue.personalCode) {
          batch.held.push(codeHash(result.issue.personalCode))
        }
        continue
      }
      if (result.kind === 'persons') {
        const row = result.row
        const previous = row.previousPersonalCode ?? null
        batch.rows.push([
          result.line,
          codeHash(row.personalCode),
          encrypt(row.personalCode),
          NEW_FORMAT.test(row.personalCode) ? 'new' : 'old',
          previous ? hasher.code(previous) : null,
          previous ? encrypt(previous) : null,
          previous ? (NEW_FORMAT.test(previous) ? 'new' : 'old') : null,
          row.givenNames,
          row.surname,
          row.birthDate,
          row.deathDate,
        ])
      } else if (result.kind === 'facts') {
        const row = result.row
        if (!allowed.has(row.attribute)) {
          batch.issues.push({
            line: result.line,
            column: 'attribute',
            reason: 'attribute_not_allowed',
          })
          batch.held.push(codeHash(row.personalCode))
          continue
        }
        batch.rows.push([
          result.line,
          codeHash(row.personalCode),
          row.attribute,
          row.value,
          row.validFrom,
          row.validTo,
        ])
      } else {
        const row = result.row
        batch.rows.push([
          result.line,
          codeHash(row.personalCode),
          row.type,
          hasher.identifier(row.type, row.value),
          hasher.listIdentifier(row.type, row.value),
          row.value.slice(-4),
          row.issuer,
          row.validFrom,
          row.validTo,
          row.status,
        ])
      }
    }
    yield batch
  }
}
