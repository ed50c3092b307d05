/**
 * Domain events between contexts (docs/architecture.md, "Events"). An upstream context emits
 * what happened; downstream contexts listen (start/events.ts), so the upstream never imports
 * who listens. Events travel on the AdonisJS emitter: `emit` resolves when every listener has.
 */

/** A batch of register changes was accepted (push API, file import, pull connector). */
export interface FactsChanged {
  source: 'push' | 'import' | 'connector'
  /** Change-log rows the batch wrote. */
  changeLogEntries: number
  /** The highest change-log id once the batch committed: the batch's rows are at or below it. */
  cursor: string | null
}

/**
 * Stored entitlements changed (a run, an incremental pass, a manual decision). The rows are in
 * the ordered outbox `entitlement_changes`; `cursor` is its highest id once the writes committed.
 * Other web nodes learn of the same rows by reading the outbox, so a listener must not depend on
 * receiving every event.
 */
export interface EntitlementsChanged {
  cursor: string | null
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'registers:facts_changed': FactsChanged
    'entitlements:changed': EntitlementsChanged
  }
}
