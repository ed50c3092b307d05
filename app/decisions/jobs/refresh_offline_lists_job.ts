import type { Job, JobPayload } from '#platform/jobs/job'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'
import {
  providersWithContracts,
  refreshOfflineList,
  type RefreshResult,
} from '#decisions/offline_lists/refresh_offline_list'

export interface RefreshOfflineListsPayload extends JobPayload {
  /** One provider's list; absent: every provider with a contract. */
  providerTenantId?: number
}

/**
 * Recomputes providers' offline lists from the entitlements, identifiers and contracts, and
 * stamps what changed with new sequences. Dispatched after entitlement and register changes
 * (start/events.ts) and every few minutes (config/queue.ts: contracts and the date move too).
 */
export default class RefreshOfflineListsJob implements Job<RefreshOfflineListsPayload> {
  static jobName = 'decisions:refresh_offline_lists'

  async handle(payload: RefreshOfflineListsPayload = { tenantId: null }) {
    return withCrossTenantAccess(
      { reason: 'offline lists: every grantor’s entitlements for each provider' },
      async () => {
        const providers = payload.providerTenantId
          ? [payload.providerTenantId]
          : await providersWithContracts()
        const results: RefreshResult[] = []
        for (const provider of providers) results.push(await refreshOfflineList(provider))
        return results
      }
    )
  }
}
