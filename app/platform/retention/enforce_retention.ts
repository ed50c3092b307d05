import app from '@adonisjs/core/services/app'
import type { RetentionConfig } from '#config/retention'
import { cutoffFor, retentionRules } from '#platform/retention/retention_rules'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'

export interface RetentionOutcome {
  category: string
  days: number
  /** Rows deleted, or that would be with `dryRun`. */
  rows: number
}

/**
 * Deletes, category by category, what is older than its period in config/retention.ts (see the
 * README's "Data retention"). With `dryRun` it only counts. The clock is injectable for tests.
 * Periods hold for every tenant, so it runs on the audited cross-tenant path.
 */
export default class EnforceRetention {
  handle(
    options: { now?: Date; dryRun?: boolean; config?: RetentionConfig } = {}
  ): Promise<RetentionOutcome[]> {
    return withCrossTenantAccess(
      { reason: 'retention: expired data of every tenant', actorLabel: 'retention' },
      () => this.#enforce(options)
    )
  }

  async #enforce(options: {
    now?: Date
    dryRun?: boolean
    config?: RetentionConfig
  }): Promise<RetentionOutcome[]> {
    const now = options.now ?? new Date()
    const config = options.config ?? app.config.get<RetentionConfig>('retention')
    const outcomes: RetentionOutcome[] = []
    for (const rule of retentionRules) {
      const days = config[rule.period]
      const cutoff = cutoffFor(now, days)
      const rows = options.dryRun ? await rule.count(cutoff) : await rule.purge(cutoff)
      outcomes.push({ category: rule.category, days, rows })
    }
    return outcomes
  }
}
