import type { CalendarDate } from '#eligibility/main'
import { ComputedRows } from '#entitlements/engine/evaluate_persons'
import type { PersonScope } from '#entitlements/engine/person_facts'
import { scopeCondition } from '#entitlements/engine/person_facts'
import type { Sql } from '#entitlements/engine/sql'

export interface DiffCounts {
  granted: number
  ended: number
  changed: number
}

/** The current stored entitlements of the persons in scope, ordered by person, column-wise. */
export interface StoredRows {
  ids: number[]
  personId: number[]
  tenantId: number[]
  benefitId: number[]
  versionId: (number | null)[]
  validFrom: CalendarDate[]
  validTo: (CalendarDate | null)[]
  source: string[]
  decisionId: (number | null)[]
}

/**
 * The current stored rows of the persons in scope; with `skip`, without the rows of those
 * persons (a run that found them unchanged).
 */
export async function loadStored(
  sql: Sql,
  scope: PersonScope,
  skip?: Set<number>
): Promise<StoredRows> {
  const where = scopeCondition('person_id', scope, 1)
  const result = await sql.query<
    [string, string, number, number, number | null, string, string | null, string, string | null]
  >({
    text: `SELECT id, person_id, tenant_id, benefit_id, version_id, valid_from::text, valid_to::text,
                  source, decision_id
             FROM entitlements WHERE ${where.text} AND ended_at IS NULL ORDER BY person_id`,
    values: where.values,
    rowMode: 'array',
  })
  const stored: StoredRows = {
    ids: [],
    personId: [],
    tenantId: [],
    benefitId: [],
    versionId: [],
    validFrom: [],
    validTo: [],
    source: [],
    decisionId: [],
  }
  for (const [
    id,
    personId,
    tenantId,
    benefitId,
    versionId,
    from,
    to,
    source,
    decisionId,
  ] of result.rows) {
    const person = Number(personId)
    if (skip !== undefined && skip.has(person)) continue
    stored.ids.push(Number(id))
    stored.personId.push(person)
    stored.tenantId.push(tenantId)
    stored.benefitId.push(benefitId)
    stored.versionId.push(versionId)
    stored.validFrom.push(from)
    stored.validTo.push(to)
    stored.source.push(source)
    stored.decisionId.push(decisionId === null ? null : Number(decisionId))
  }
  return stored
}

/**
 * What to write: the stored rows nothing computed matches (to close) and the computed rows
 * nothing stored matches (to insert), merged person by person (both sides are in person
 * order). A stored and a computed row are the same when everything but the explanation
 * matches.
 */
export function diffRows(stored: StoredRows, rows: ComputedRows) {
  const added = new ComputedRows()
  const ended: number[] = []
  const n = rows.length
  const m = stored.ids.length
  if (m === 0) return { ended, added: rows }
  const used = new Uint8Array(m)
  let i = 0
  let j = 0
  while (i < n || j < m) {
    const person =
      i < n && (j >= m || rows.personId[i] <= stored.personId[j])
        ? rows.personId[i]
        : stored.personId[j]
    const i0 = i
    while (i < n && rows.personId[i] === person) i++
    const j0 = j
    while (j < m && stored.personId[j] === person) j++
    for (let r = i0; r < i; r++) {
      let match = -1
      for (let s = j0; s < j; s++) {
        if (
          used[s] === 0 &&
          stored.benefitId[s] === rows.benefitId[r] &&
          stored.tenantId[s] === rows.tenantId[r] &&
          stored.versionId[s] === rows.versionId[r] &&
          stored.source[s] === rows.source[r] &&
          stored.decisionId[s] === rows.decisionId[r] &&
          stored.validTo[s] === rows.validTo[r] &&
          stored.validFrom[s] === rows.validFrom[r]
        ) {
          match = s
          break
        }
      }
      if (match >= 0) used[match] = 1
      else added.copyFrom(rows, r)
    }
    for (let s = j0; s < j; s++) if (used[s] === 0) ended.push(stored.ids[s])
  }
  return { ended, added }
}

/**
 * Closes the ended rows, inserts the added ones and appends each change to
 * `entitlement_changes` in one statement (a closed and a new row of the same person and
 * benefit pair up as `changed`). Unchanged rows are not touched. Call it in a transaction.
 */
const STAGE_COLUMNS =
  'ord, person_id, tenant_id, benefit_id, version_id, valid_from, valid_to, source, decision_id, explanation'
const COPY_SPECIAL = /[\\\t\n\r]/

function copyText(value: string): string {
  if (!COPY_SPECIAL.test(value)) return value
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'
  )
}

/** The rows as COPY text, in pieces of about 1 MiB. */
function* copyLines(rows: ComputedRows): Generator<string> {
  let buffer = ''
  const n = rows.length
  for (let i = 0; i < n; i++) {
    const versionId = rows.versionId[i]
    const validTo = rows.validTo[i]
    const decisionId = rows.decisionId[i]
    buffer += `${i}\t${rows.personId[i]}\t${rows.tenantId[i]}\t${rows.benefitId[i]}\t${
      versionId === null ? '\\N' : versionId
    }\t${rows.validFrom[i]}\t${validTo === null ? '\\N' : validTo}\t${rows.source[i]}\t${
      decisionId === null ? '\\N' : decisionId
    }\t${copyText(rows.explanation[i])}\n`
    if (buffer.length >= 1 << 20) {
      yield buffer
      buffer = ''
    }
  }
  if (buffer !== '') yield buffer
}

/** Connections whose `entitlement_stage` exists. */
const staged = new WeakSet<object>()

/** Fills the connection's staging table with the added rows, by COPY. */
async function stageAdded(sql: Sql, added: ComputedRows): Promise<void> {
  // A temporary table per connection, created once and emptied by each commit. Inside a test's
  // global transaction nothing commits and a rollback may drop it: created and emptied each time.
  const session = sql.session ?? sql
  if (sql.nested || !staged.has(session)) {
    await sql.query(
      `CREATE TEMP TABLE IF NOT EXISTS entitlement_stage (
         ord int, person_id bigint, tenant_id int, benefit_id int, version_id int, valid_from date,
         valid_to date, source text, decision_id bigint, explanation json)
       ON COMMIT DELETE ROWS`
    )
    if (!sql.nested) staged.add(session)
  }
  if (sql.nested) await sql.query('TRUNCATE entitlement_stage')
  await sql.copyIn(`COPY entitlement_stage (${STAGE_COLUMNS}) FROM STDIN`, copyLines(added))
}

/**
 * Closes the ended rows, inserts the added ones and appends each change to
 * `entitlement_changes` in one statement (a closed and a new row of the same person and
 * benefit pair up as `changed`). Unchanged rows are not touched. Call it in a transaction.
 */
export async function writeDiff(
  sql: Sql,
  input: { ended: number[]; added: ComputedRows; runId: number | null }
): Promise<DiffCounts> {
  const counts: DiffCounts = { granted: 0, ended: 0, changed: 0 }
  const { ended, added } = input
  if (ended.length === 0 && added.length === 0) return counts
  await stageAdded(sql, added)
  const insert = `INSERT INTO entitlements (tenant_id, person_id, benefit_id, version_id, valid_from,
                                 valid_to, source, decision_id, explanation, run_id, created_at)
       SELECT c.tenant_id, c.person_id, c.benefit_id, c.version_id, c.valid_from, c.valid_to,
              c.source, c.decision_id, c.explanation, $1::bigint, now()
         FROM (SELECT * FROM entitlement_stage ORDER BY ord) c
        RETURNING id, tenant_id, person_id, benefit_id, valid_from`
  if (ended.length === 0) {
    // Only new rows (a first run): no pairing needed.
    const result = await sql.query(
      `WITH added AS (${insert})
       INSERT INTO entitlement_changes (kind, entitlement_id, tenant_id, person_id, benefit_id, run_id, created_at)
       SELECT 'granted', id, tenant_id, person_id, benefit_id, $1::bigint, now() FROM added ORDER BY id`,
      [input.runId]
    )
    counts.granted = result.rowCount ?? 0
    return counts
  }
  const result = await sql.query<{ kind: string; count: string }>(
    `WITH gone AS (
       UPDATE entitlements e SET ended_at = now()
        WHERE e.id = ANY($2::bigint[]) AND e.ended_at IS NULL
        RETURNING e.id, e.tenant_id, e.person_id, e.benefit_id, e.valid_from
     ), added AS (${insert}
     ), g AS (
       SELECT *, row_number() OVER (PARTITION BY person_id, benefit_id ORDER BY valid_from, id) AS rn FROM gone
     ), a AS (
       SELECT *, row_number() OVER (PARTITION BY person_id, benefit_id ORDER BY valid_from, id) AS rn FROM added
     ), logged AS (
       INSERT INTO entitlement_changes (kind, entitlement_id, previous_id, tenant_id, person_id,
                                        benefit_id, run_id, created_at)
       SELECT CASE WHEN a.id IS NULL THEN 'ended' WHEN g.id IS NULL THEN 'granted' ELSE 'changed' END,
              coalesce(a.id, g.id), CASE WHEN a.id IS NOT NULL THEN g.id END,
              coalesce(a.tenant_id, g.tenant_id), coalesce(a.person_id, g.person_id),
              coalesce(a.benefit_id, g.benefit_id), $1::bigint, now()
         FROM a FULL JOIN g ON a.person_id = g.person_id AND a.benefit_id = g.benefit_id AND a.rn = g.rn
        ORDER BY coalesce(a.person_id, g.person_id), coalesce(a.benefit_id, g.benefit_id),
                 coalesce(a.rn, g.rn)
       RETURNING kind
     )
     SELECT kind, count(*) AS count FROM logged GROUP BY kind`,
    [input.runId, ended]
  )
  for (const row of result.rows) counts[row.kind as keyof DiffCounts] = Number(row.count)
  return counts
}

/** Stored signatures of the persons in scope, by person id (see PersonEvaluator.signature). */
export async function loadSignatures(sql: Sql, scope: PersonScope): Promise<Map<number, number>> {
  const where = scopeCondition('person_id', scope, 1)
  const result = await sql.query<[string, string]>({
    text: `SELECT person_id, signature FROM entitlement_signatures WHERE ${where.text}`,
    values: where.values,
    rowMode: 'array',
  })
  const signatures = new Map<number, number>()
  for (const [personId, signature] of result.rows) {
    signatures.set(Number(personId), Number(signature))
  }
  return signatures
}

/** Records the persons' signatures (call it in the transaction that wrote their rows). */
export async function storeSignatures(sql: Sql, personIds: number[], signatures: number[]) {
  if (personIds.length === 0) return
  await sql.query(
    `INSERT INTO entitlement_signatures (person_id, signature)
     SELECT person_id, signature FROM unnest($1::bigint[], $2::bigint[]) AS s(person_id, signature)
     ON CONFLICT (person_id) DO UPDATE SET signature = excluded.signature`,
    [personIds, signatures]
  )
}

/**
 * Reads the stored rows (unless given), diffs, writes, and records the new signatures of the
 * persons written (call it in a transaction).
 */
export async function storeDiff(
  sql: Sql,
  input: {
    scope: PersonScope
    rows: ComputedRows
    runId: number | null
    stored?: StoredRows
    signatures?: { personIds: number[]; signatures: number[] }
  }
): Promise<DiffCounts> {
  const stored = input.stored ?? (await loadStored(sql, input.scope))
  const { ended, added } = diffRows(stored, input.rows)
  const counts = await writeDiff(sql, { ended, added, runId: input.runId })
  if (input.signatures) {
    await storeSignatures(sql, input.signatures.personIds, input.signatures.signatures)
  }
  return counts
}
