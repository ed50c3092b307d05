import { createHash } from 'node:crypto'
import logger from '@adonisjs/core/services/logger'
import emitter from '@adonisjs/core/services/emitter'
import { registries } from '#platform/plugins/registry'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { publishedVersions, type RuleCatalogue } from '#entitlements/engine/rule_set'
import {
  evaluateScope,
  planChunks,
  prepareEngine,
  runChunksPipelined,
  versionsByIds,
  type EngineSetup,
  type ScopeResult,
} from '#entitlements/engine/engine'
import {
  completeChunk,
  createRun,
  failRun,
  getRun,
  pendingChunks,
  type RunKind,
} from '#entitlements/engine/runs'
import { catalogueStamp, runIncrementalPass } from '#entitlements/engine/incremental'
import type { Sql } from '#entitlements/engine/sql'
import { withConnection } from '#entitlements/engine/connection'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'

/*
 * The engine as the app uses it: the attribute catalogue from the plugin registries, raw
 * connections from the app's pool, and compiled rule sets cached per process (per run for
 * chunk jobs, per catalogue fingerprint for incremental passes).
 */

export const DEFAULT_CHUNK_SIZE = 20_000

type Counts = { granted: number; ended: number; changed: number } | null | undefined

/**
 * Tells the downstream contexts (the decision index) that stored entitlements changed, once the
 * writes committed, with the outbox's highest id. A failing listener never fails the write: the
 * outbox keeps the rows for the readers' next poll.
 */
export async function announceEntitlementChanges(sql: Sql, counts: Counts) {
  if (!counts || counts.granted + counts.ended + counts.changed === 0) return
  try {
    const { rows } = await sql.query<{ id: string | null }>(
      'SELECT max(id)::text AS id FROM entitlement_changes'
    )
    await emitter.emit('entitlements:changed', { cursor: rows[0]?.id ?? null })
  } catch (error) {
    logger.warn({ err: error }, 'a listener of entitlements:changed failed')
  }
}

export function appCatalogue(): RuleCatalogue {
  return {
    attributes: registries.attributes.all(),
    functions: registries.ruleFunctions.all(),
    identifierTypes: [...IDENTIFIER_TYPES],
  }
}

const runSetups = new Map<number, Promise<EngineSetup>>()
let currentSetup: { key: string; setup: Promise<EngineSetup> } | null = null

async function setupForRun(sql: Sql, runId: number): Promise<EngineSetup | null> {
  const run = await getRun(sql, runId)
  if (!run) return null
  let setup = runSetups.get(runId)
  if (!setup) {
    if (runSetups.size > 4) runSetups.clear()
    setup = versionsByIds(sql, run.version_ids).then((versions) =>
      prepareEngine(sql, appCatalogue(), { versions })
    )
    setup.catch(() => runSetups.delete(runId))
    runSetups.set(runId, setup)
  }
  return setup
}

/** The setup for the current catalogue (rebuilt when it changes). */
export async function currentEngineSetup(sql: Sql): Promise<EngineSetup> {
  const key = await catalogueStamp(sql)
  if (currentSetup?.key !== key) {
    const setup = prepareEngine(sql, appCatalogue())
    setup.catch(() => (currentSetup = null))
    currentSetup = { key, setup }
  }
  return currentSetup.setup
}

/** Forgets cached rule sets (tests change the catalogue between runs within one second). */
export function forgetEngineSetups() {
  runSetups.clear()
  currentSetup = null
}

/** Records a run over every person with the versions published now, chunked. */
export async function planFullRun(
  options: { kind?: RunKind; startedBy?: number | null; chunkSize?: number } = {}
) {
  return engineAccess('plan a full run', () =>
    withConnection(async (sql) => {
      const versions = await publishedVersions(sql)
      const chunks = await planChunks(sql, options.chunkSize ?? DEFAULT_CHUNK_SIZE)
      const runId = await createRun(sql, {
        kind: options.kind ?? 'full',
        versionIds: versions.map((version) => version.id),
        chunks,
        startedBy: options.startedBy ?? null,
      })
      return { runId, chunks: chunks.length }
    })
  )
}

/** One chunk of a run (a job). A chunk already done is skipped, so re-dispatching is safe. */
export async function runChunk(runId: number, position: number): Promise<ScopeResult | null> {
  return engineAccess(
    'evaluate a chunk of a full run',
    () =>
      withConnection(async (sql) => {
        const pending = await pendingChunks(sql, runId)
        const chunk = pending.find((c) => c.position === position)
        if (!chunk) return null
        const setup = await setupForRun(sql, runId)
        if (!setup) return null
        try {
          const result = await evaluateScope(sql, setup, chunk, runId, (scope) =>
            completeChunk(sql, runId, position, scope)
          )
          await announceEntitlementChanges(sql, result)
          return result
        } catch (error) {
          logger.error({ err: error, runId, position }, 'entitlement chunk failed')
          throw error
        }
      }),
    { runId, position }
  )
}

/**
 * Runs every pending chunk of a run in this process: one connection reads and evaluates while
 * two write.
 */
export async function runPendingInProcess(
  runId: number,
  onChunk?: (done: number, result: ScopeResult | null) => void
) {
  const writerCount = 2
  const withWriters = async <T>(work: (writers: Sql[]) => Promise<T>, writers: Sql[] = []) =>
    writers.length === writerCount
      ? work(writers)
      : withConnection((writer): Promise<T> => withWriters(work, [...writers, writer]))
  return engineAccess(
    'evaluate a full run in process',
    () =>
      withConnection((reader) =>
        withWriters(async (writers) => {
          const setup = await setupForRun(reader, runId)
          if (!setup) throw new Error(`No entitlement run ${runId}`)
          const chunks = await pendingChunks(reader, runId)
          let done = 0
          try {
            // Readers poll the outbox while chunks commit; the event comes once, at the end.
            const total = await runChunksPipelined(reader, writers, setup, chunks, {
              runId,
              inside: (position, result, writer) => completeChunk(writer, runId, position, result),
              onChunk: (_position, result) => onChunk?.(++done, result),
            })
            await announceEntitlementChanges(reader, total)
            return total
          } catch (error) {
            await failRun(writers[0], runId, error instanceof Error ? error.message : String(error))
            throw error
          }
        })
      ),
    { runId }
  )
}

function stampPosition(stamp: string) {
  return Number.parseInt(createHash('sha256').update(stamp).digest('hex').slice(0, 12), 16)
}

/**
 * One incremental pass. When the catalogue changed since the last pass (a publication, a
 * group), it answers `catalogueChanged` so the caller starts a full run.
 */
export async function incrementalPass() {
  return engineAccess('incremental pass', () =>
    withConnection(async (sql) => {
      const stamp = stampPosition(await catalogueStamp(sql))
      const stored = await sql.query<{ position: string }>(
        `SELECT position FROM entitlement_cursors WHERE name = 'catalogue'`
      )
      const catalogueChanged = stored.rows.length > 0 && Number(stored.rows[0].position) !== stamp
      await sql.query(
        `INSERT INTO entitlement_cursors (name, position, updated_at) VALUES ('catalogue', $1, now())
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
        [stamp]
      )
      const setup = await currentEngineSetup(sql)
      const result = await runIncrementalPass(sql, setup)
      await announceEntitlementChanges(sql, result)
      return result ? { ...result, catalogueChanged } : null
    })
  )
}

/**
 * The engine evaluates each person against every tenant's published benefits and writes every
 * tenant's entitlements: cross-tenant work, on the audited path.
 */
export function engineAccess<T>(
  what: string,
  work: () => Promise<T>,
  metadata?: Record<string, unknown>
): Promise<T> {
  return withCrossTenantAccess({ reason: `entitlement engine: ${what}`, metadata }, work)
}
