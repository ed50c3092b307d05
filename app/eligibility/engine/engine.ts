import type { CalendarDate, Horizon } from '#eligibility/rule_language/types'
import { horizonAround } from '#eligibility/engine/horizon'
import {
  buildRuleSet,
  publishedVersions,
  type LoadedRuleSet,
  type RuleCatalogue,
  type VersionRow,
} from '#eligibility/engine/rule_set'
import {
  loadPersons,
  registerContext,
  type LoadOptions,
  type PersonScope,
} from '#eligibility/engine/person_facts'
import { evaluatePersons, loadDecisions } from '#eligibility/engine/evaluate_persons'
import {
  loadStored,
  storeDiff,
  type DiffCounts,
  type StoredRows,
} from '#eligibility/engine/store_diff'
import { inTransaction, type Sql } from '#eligibility/engine/sql'

/** Everything a run reads once: the horizon, the compiled rule set, the register's shape. */
export interface EngineSetup {
  horizon: Horizon
  ruleSet: LoadedRuleSet
  register: LoadOptions
}

export interface ScopeResult extends DiffCounts {
  persons: number
  /** Entitlements computed (stored or not). */
  computed: number
}

export async function prepareEngine(
  sql: Sql,
  catalogue: RuleCatalogue,
  options: { horizon?: Horizon; versions?: VersionRow[] } = {}
): Promise<EngineSetup> {
  const horizon = options.horizon ?? horizonAround()
  const versions = options.versions ?? (await publishedVersions(sql, horizon))
  return {
    horizon,
    ruleSet: await buildRuleSet(sql, versions, catalogue),
    register: await registerContext(sql, catalogue.attributes),
  }
}

/** Versions by id (a run keeps the ids it started with, so every chunk evaluates the same set). */
export async function versionsByIds(sql: Sql, ids: number[]): Promise<VersionRow[]> {
  const result = await sql.query<VersionRow>(
    `SELECT v.id, v.benefit_id, v.tenant_id, b.code, v.version, v.status,
            v.effective_from::text AS effective_from, v.effective_to::text AS effective_to, v.rule
       FROM benefit_versions v JOIN benefits b ON b.id = v.benefit_id
      WHERE v.id = ANY($1::int[]) ORDER BY v.tenant_id, b.code, v.version`,
    [ids]
  )
  return result.rows
}

/**
 * Reads and evaluates the persons in scope (no writes). With `withStored`, also reads their
 * stored entitlements now (a full run's chunks are disjoint, so reading them ahead of the
 * write is safe); otherwise the write reads them inside its transaction.
 */
export async function computeScope(
  sql: Sql,
  setup: EngineSetup,
  scope: PersonScope,
  withStored = false
) {
  const persons = await loadPersons(sql, scope, setup.register)
  const decisions = await loadDecisions(sql, scope)
  const stored = withStored ? await loadStored(sql, scope) : undefined
  return {
    persons,
    stored,
    rows: evaluatePersons(setup.ruleSet, persons, setup.horizon, decisions),
  }
}

/**
 * Evaluates the persons in scope and stores the difference in one transaction. `inside` runs
 * in the same transaction before the commit (a chunk marks itself done there); when it
 * answers false the transaction is rolled back and nothing is counted.
 */
export async function evaluateScope(
  sql: Sql,
  setup: EngineSetup,
  scope: PersonScope,
  runId: number | null,
  inside?: (result: ScopeResult) => Promise<boolean>
): Promise<ScopeResult | null> {
  const { persons, rows } = await computeScope(sql, setup, scope)
  return writeScope(sql, setup.horizon.from, scope, rows, persons.length, runId, inside)
}

export async function writeScope(
  sql: Sql,
  horizonFrom: CalendarDate,
  scope: PersonScope,
  rows: Awaited<ReturnType<typeof computeScope>>['rows'],
  persons: number,
  runId: number | null,
  inside?: (result: ScopeResult) => Promise<boolean>,
  stored?: StoredRows
): Promise<ScopeResult | null> {
  let skipped = false
  const result = await inTransaction(sql, async () => {
    const counts = await storeDiff(sql, { scope, rows, horizonFrom, runId, stored })
    const scopeResult = { ...counts, persons, computed: rows.length }
    if (inside && !(await inside(scopeResult))) {
      skipped = true
      throw new SkipChunk()
    }
    return scopeResult
  }).catch((error) => {
    if (error instanceof SkipChunk) return null
    throw error
  })
  return skipped ? null : result
}

class SkipChunk extends Error {}

/** Splits the persons into chunks of about `size`, by id (keyset). */
export async function planChunks(
  sql: Sql,
  size: number
): Promise<{ fromId: number; toId: number }[]> {
  const result = await sql.query<[string, string]>({
    text: `SELECT min(id), max(id) FROM (
             SELECT id, (row_number() OVER (ORDER BY id) - 1) / $1 AS chunk FROM persons
           ) t GROUP BY chunk ORDER BY chunk`,
    values: [size],
    rowMode: 'array',
  })
  return result.rows.map(([fromId, toId]) => ({ fromId: Number(fromId), toId: Number(toId) }))
}

/**
 * A full run in this process over two connections: while one chunk is evaluated and written,
 * the next one is read, so PostgreSQL and the evaluator work at the same time.
 */
export async function runChunksPipelined(
  reader: Sql,
  writer: Sql,
  setup: EngineSetup,
  chunks: { fromId: number; toId: number; position: number }[],
  options: {
    runId: number | null
    inside?: (position: number, result: ScopeResult) => Promise<boolean>
    onChunk?: (position: number, result: ScopeResult | null) => void
  }
) {
  const total: ScopeResult = { persons: 0, computed: 0, granted: 0, ended: 0, changed: 0 }
  const read = (index: number) => {
    const promise = computeScope(reader, setup, chunks[index], true)
    promise.catch(() => {}) // awaited below; keeps an early failure from being unhandled
    return promise
  }
  let next = chunks.length ? read(0) : null
  let writing: Promise<void> = Promise.resolve()
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index]
    const { persons, rows, stored } = await next!
    next = index + 1 < chunks.length ? read(index + 1) : null
    await writing
    writing = writeScope(
      writer,
      setup.horizon.from,
      chunk,
      rows,
      persons.length,
      options.runId,
      options.inside ? (result) => options.inside!(chunk.position, result) : undefined,
      stored
    ).then((result) => {
      if (result) {
        for (const key of Object.keys(total) as (keyof ScopeResult)[]) total[key] += result[key]
      }
      options.onChunk?.(chunk.position, result)
    })
  }
  await writing
  return total
}
