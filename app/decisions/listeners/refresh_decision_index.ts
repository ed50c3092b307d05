import type { EntitlementsChanged } from '#platform/events/domain_events'
import { refreshDecisionIndex } from '#decisions/live_index'

/**
 * Entitlements changed on this node: read the outbox now rather than at the next poll. Not
 * awaited, so that the engine's write does not wait for the index.
 */
export default class RefreshDecisionIndex {
  handle(_event: EntitlementsChanged) {
    void refreshDecisionIndex()
  }
}
