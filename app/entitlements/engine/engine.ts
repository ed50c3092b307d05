import {
  buildRuleSet,
  publishedVersions,
  type LoadedRuleSet,
  type RuleCatalogue,
  type VersionRow,
} from '#entitlements/engine/rule_set'
import {
  loadPersons,
  registerContext,
  type EnginePerson,
  type LoadOptions,
  type PersonScope,
} from '#entitlements/engine/person_facts'
import {
  ComputedRows,
  EMPTY_SIGNATURE,
  type Decision,
  loadDecisions,
  PersonEvaluator,
} from '#entitlements/engine/evaluate_persons'
import {
  loadSignatures,
  loadStored,
  storeDiff,
  type DiffCounts,
  type StoredRows,
} from '#entitlements/engine/store_diff'
import {
  loadMemberSnapshot,
  PersonCursor,
  readChunk,
  type CopyChunk,
  type MemberSnapshot,
} from '#entitlements/engine/copy_reader'
import { inTransaction, type Sql } from '#entitlements/engine/sql'

/** Everything a run reads once: the compiled rule set, the register's shape. */
export interface EngineSetup {
  ruleSet: LoadedRuleSet
  register: LoadOptions
  /** Group memberships of everyone, read by the first chunk that needs them (COPY reads). */
  members?: Promise<MemberSnapshot>
}

export interface ScopeResult extends DiffCounts {
  persons: number
  /** Entitlements computed (stored or not). */
  computed: number
}

export async function prepareEngine(
  sql: Sql,
  catalogue: RuleCatalogue,
  options: { versions?: VersionRow[] } = {}
): Promise<EngineSetup> {
  const versions = options.versions ?? (await publishedVersions(sql))
  return {
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

/** What a scope's evaluation hands to its write. */
export interface ScopeComputation {
  /** Persons evaluated. */
  persons: number
  /** Entitlements computed (stored or not). */
  computed: number
  /** The rows of the persons whose signature changed (the only ones diffed and written). */
  rows: ComputedRows
  /** Those persons (ascending) and their new signatures. */
  changed: { personIds: number[]; signatures: number[] }
  /** How to read their stored rows. */
  storedQuery: { scope: PersonScope; skip?: Set<number> }
  /** Their stored rows, when read ahead (`withStored`). */
  stored?: StoredRows
}

/**
 * Reads and evaluates the persons in scope (no writes). A person whose computed signature
 * equals the stored one is unchanged and left out; the others' rows are kept for the diff.
 * With `withStored`, also reads the changed persons' stored entitlements now (a full run's
 * chunks are disjoint, so reading them ahead of the write is safe); otherwise the write reads
 * them inside its transaction.
 */
export async function computeScope(
  sql: Sql,
  setup: EngineSetup,
  scope: PersonScope,
  withStored = false
): Promise<ScopeComputation> {
  const computation = await evaluateFetched(setup, scope, await fetchScope(sql, setup, scope))
  if (withStored) computation.stored = await readStored(sql, computation)
  return computation
}

/** What a scope's evaluation reads from the database. */
export interface FetchedScope {
  signatures: Map<number, number>
  decisions: Map<number, Decision[]>
  chunk?: CopyChunk
  persons?: EnginePerson[]
}

/** Reads what the evaluation of a scope needs (COPY for id ranges, queries for listed ids). */
export async function fetchScope(
  sql: Sql,
  setup: EngineSetup,
  scope: PersonScope
): Promise<FetchedScope> {
  const signatures = await loadSignatures(sql, scope)
  const decisions = await loadDecisions(sql, scope)
  if (!('ids' in scope)) {
    if (!setup.members) {
      setup.members = loadMemberSnapshot(sql)
      setup.members.catch(() => (setup.members = undefined))
    }
    const chunk = await readChunk(sql, scope, setup.register, await setup.members)
    return { signatures, decisions, chunk }
  }
  return { signatures, decisions, persons: await loadPersons(sql, scope, setup.register) }
}

/** Persons evaluated between two turns of the event loop, so other connections' I/O flows. */
const PERSONS_PER_TURN = 2000

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Evaluates fetched persons (see computeScope); no database access. */
export async function evaluateFetched(
  setup: EngineSetup,
  scope: PersonScope,
  fetched: FetchedScope
): Promise<ScopeComputation> {
  const { signatures, decisions } = fetched
  const evaluator = new PersonEvaluator(setup.ruleSet)
  const rows = new ComputedRows()
  const changed = { personIds: [] as number[], signatures: [] as number[] }
  const evaluatedIds: number[] = []
  let computed = 0
  const visit = (person: EnginePerson) => {
    evaluatedIds.push(person.id)
    evaluator.evaluate(person, decisions.get(person.id))
    computed += evaluator.count
    const signature = evaluator.signature()
    if (signatures.get(person.id) === signature) return
    evaluator.appendTo(rows)
    changed.personIds.push(person.id)
    changed.signatures.push(signature)
  }
  if (fetched.chunk) {
    const cursor = new PersonCursor(fetched.chunk, setup.register)
    let turn = 0
    for (let person = cursor.next(); person !== null; person = cursor.next()) {
      visit(person)
      if (++turn === PERSONS_PER_TURN) {
        turn = 0
        await nextTurn()
      }
    }
  } else {
    for (const person of fetched.persons!) visit(person)
  }
  // Persons with a signature (or asked for by id) but no register row: their stored rows end.
  const evaluated = new Set(evaluatedIds)
  const gone = new Set<number>()
  for (const id of 'ids' in scope ? [...scope.ids, ...signatures.keys()] : signatures.keys()) {
    if (evaluated.has(id) || gone.has(id) || signatures.get(id) === EMPTY_SIGNATURE) continue
    gone.add(id)
    changed.personIds.push(id)
    changed.signatures.push(EMPTY_SIGNATURE)
  }
  if (gone.size > 0) sortChanged(changed)
  const ids = changed.personIds
  let storedQuery: ScopeComputation['storedQuery']
  if ('ids' in scope || ids.length * 4 < evaluatedIds.length) {
    storedQuery = { scope: { ids } }
  } else {
    // Most persons changed (a first run): one range read, without the unchanged persons.
    const skip = evaluated
    for (const id of ids) skip.delete(id)
    storedQuery = { scope, skip }
  }
  return { persons: evaluatedIds.length, computed, rows, changed, storedQuery }
}

function sortChanged(changed: { personIds: number[]; signatures: number[] }) {
  const order = changed.personIds.map((_, index) => index)
  order.sort((a, b) => changed.personIds[a] - changed.personIds[b])
  changed.personIds = order.map((index) => changed.personIds[index])
  changed.signatures = order.map((index) => changed.signatures[index])
}

function readStored(sql: Sql, computation: ScopeComputation) {
  return loadStored(sql, computation.storedQuery.scope, computation.storedQuery.skip)
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
  const computation = await computeScope(sql, setup, scope)
  return writeScope(sql, scope, computation, runId, inside)
}

export async function writeScope(
  sql: Sql,
  scope: PersonScope,
  computation: ScopeComputation,
  runId: number | null,
  inside?: (result: ScopeResult) => Promise<boolean>
): Promise<ScopeResult | null> {
  let skipped = false
  const { rows, changed } = computation
  const result = await inTransaction(sql, async () => {
    let counts: DiffCounts = { granted: 0, ended: 0, changed: 0 }
    if (changed.personIds.length > 0) {
      const stored = computation.stored ?? (await readStored(sql, computation))
      counts = await storeDiff(sql, {
        scope,
        rows,
        runId,
        stored,
        signatures: changed,
      })
    }
    const scopeResult = {
      ...counts,
      persons: computation.persons,
      computed: computation.computed,
    }
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
 * A full run in this process: one connection reads and evaluates the next chunk while the
 * others write the chunks before it, so PostgreSQL and the evaluator work at the same time.
 * Chunks are disjoint, so several writers may write at once (ids then interleave between
 * chunks). `inside` runs in the write transaction on the writer that wrote the chunk.
 */
export async function runChunksPipelined(
  reader: Sql,
  writers: Sql | Sql[],
  setup: EngineSetup,
  chunks: { fromId: number; toId: number; position: number }[],
  options: {
    runId: number | null
    inside?: (position: number, result: ScopeResult, writer: Sql) => Promise<boolean>
    onChunk?: (position: number, result: ScopeResult | null) => void
  }
) {
  const total: ScopeResult = { persons: 0, computed: 0, granted: 0, ended: 0, changed: 0 }
  // Connections that are one (a test's global transaction) take turns: no overlap.
  const serial = reader.nested === true
  // The reader fetches chunk i + 1 while chunk i is evaluated; writers read stored rows.
  const fetch = (index: number) => {
    const promise = fetchScope(reader, setup, chunks[index])
    promise.catch(() => {}) // awaited below; keeps an early failure from being unhandled
    return promise
  }
  let fetching = chunks.length ? fetch(0) : null
  const read = (index: number) => {
    const promise = fetching!.then((fetched) => {
      fetching = index + 1 < chunks.length && !serial ? fetch(index + 1) : null
      return evaluateFetched(setup, chunks[index], fetched)
    })
    promise.catch(() => {}) // awaited below
    return promise
  }
  const free = Array.isArray(writers) && !serial ? [...writers] : [[writers].flat()[0]]
  const writing = new Set<Promise<void>>()
  let failure: unknown = null
  let next = chunks.length ? read(0) : null
  for (let index = 0; index < chunks.length && failure === null; index++) {
    const chunk = chunks[index]
    const computation = await next!
    next = index + 1 < chunks.length && !serial ? read(index + 1) : null
    while (free.length === 0 && failure === null) await Promise.race(writing)
    if (failure !== null) break
    const writer = free.pop()!
    const write: Promise<void> = writeScope(
      writer,
      chunk,
      computation,
      options.runId,
      options.inside ? (result) => options.inside!(chunk.position, result, writer) : undefined
    )
      .then((result) => {
        if (result) {
          for (const key of Object.keys(total) as (keyof ScopeResult)[]) total[key] += result[key]
        }
        options.onChunk?.(chunk.position, result)
      })
      .catch((error) => {
        failure ??= error
      })
      .finally(() => {
        writing.delete(write)
        free.push(writer)
      })
    writing.add(write)
    if (serial) {
      await write
      if (index + 1 < chunks.length) {
        fetching = fetch(index + 1)
        next = read(index + 1)
      }
    }
  }
  await Promise.all(writing)
  if (next) await next.catch(() => {})
  if (failure !== null) throw failure
  return total
}
