import { AsyncLocalStorage } from 'node:async_hooks'
import logger from '@adonisjs/core/services/logger'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'
import { DecisionIndex } from '#decisions/index/decision_index'
import { OutboxCursor } from '#decisions/index/outbox_cursor'
import {
  catalogueStamp,
  followEntitlementChanges,
  followIdentifierChanges,
  loadEverything,
  logPositions,
  reloadCatalogue,
} from '#decisions/index/load_index'

/**
 * This node's decision index, built on first use (and at boot on web nodes) and kept fresh by
 * polling the ordered logs every POLL_MS, and at once when `entitlements:changed` is heard
 * (wake). Other nodes hear no event from this one: the poll alone keeps them within a second.
 */
export const POLL_MS = 250

interface Live {
  index: DecisionIndex
  entitlements: OutboxCursor
  identifiers: OutboxCursor
  stamp: string
  /** Runs work in the scope the index was built in (cross-tenant, audited once). */
  inScope: <T>(work: () => T) => T
  timer?: NodeJS.Timeout
  running?: Promise<void>
  again: boolean
  stopped: boolean
}

let live: Promise<Live> | null = null

async function build(): Promise<Live> {
  return withCrossTenantAccess(
    { reason: 'decision index: build and follow entitlement and identifier changes' },
    async () => {
      const started = performance.now()
      const index = new DecisionIndex()
      const positions = await logPositions()
      const stamp = await catalogueStamp()
      await loadEverything(index)
      const state: Live = {
        index,
        entitlements: new OutboxCursor(),
        identifiers: new OutboxCursor(),
        stamp,
        inScope: AsyncLocalStorage.snapshot(),
        again: false,
        stopped: false,
      }
      state.entitlements.position = positions.entitlements
      state.identifiers.position = positions.identifiers
      logger.info(
        {
          identifiers: index.identifiers.size,
          entitlements: index.entitlements.records,
          ms: Math.round(performance.now() - started),
        },
        'decision index built'
      )
      schedule(state, POLL_MS)
      return state
    }
  )
}

function schedule(state: Live, delay: number) {
  if (state.stopped) return
  clearTimeout(state.timer)
  state.timer = setTimeout(() => void refresh(state).catch(() => {}), delay)
  state.timer.unref()
}

async function catchUp(state: Live) {
  const stamp = await catalogueStamp()
  if (stamp !== state.stamp) {
    await reloadCatalogue(state.index)
    state.stamp = stamp
  }
  while ((await followIdentifierChanges(state.index, state.identifiers)) > 0) {}
  while ((await followEntitlementChanges(state.index, state.entitlements)) > 0) {}
}

/** One pass over the logs (a pass asked for while one runs makes it run again after). */
function refresh(state: Live): Promise<void> {
  if (state.running) {
    state.again = true
    return state.running
  }
  state.running = state
    .inScope(() => catchUp(state))
    .catch((error) => logger.error({ err: error }, 'decision index refresh failed'))
    .finally(() => {
      state.running = undefined
      if (state.again) {
        state.again = false
        return refresh(state)
      }
      schedule(state, POLL_MS)
    })
  return state.running
}

/** The index, built on first call. */
export async function decisionIndex(): Promise<DecisionIndex> {
  live ??= build()
  live.catch(() => (live = null))
  const state = await live
  return state.index
}

/** Starts building the index without waiting (web nodes at boot). */
export function warmDecisionIndex() {
  decisionIndex().catch((error) => logger.error({ err: error }, 'decision index build failed'))
}

/** Reads the logs now (on `entitlements:changed`); nothing when the index is not built yet. */
export async function refreshDecisionIndex() {
  if (!live) return
  await refresh(await live)
}

/** Stops following and forgets the index (tests; shutdown). */
export async function stopDecisionIndex() {
  const current = live
  live = null
  if (!current) return
  const state = await current.catch(() => null)
  if (!state) return
  state.stopped = true
  clearTimeout(state.timer)
  await state.running
}
