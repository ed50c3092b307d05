import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { currentDbScope, runAcrossTenants } from '#platform/database/tenant_scope'

export interface CrossTenantAccess {
  /** Why every tenant's rows are needed, in a few words (kept in the audit row). */
  reason: string
  /** The request of an operator, for the actor, request id and address. */
  ctx?: HttpContext
  actorUserId?: number | null
  actorLabel?: string | null
  metadata?: Record<string, unknown>
}

/**
 * The one way for operator and cross-tenant job work past the row-level security wall: an
 * audit row (`platform.cross_tenant_access`) names who and why, then `fn` runs seeing every
 * tenant's rows. A tenant's own work uses runInTenant instead. Inside cross-tenant work
 * already entered (a worker that audited its start), it adds no second row.
 */
export async function withCrossTenantAccess<T>(
  access: CrossTenantAccess,
  fn: () => Promise<T>
): Promise<T> {
  if (currentDbScope().kind === 'all') return fn()
  await recordAudit({
    action: 'platform.cross_tenant_access',
    tenantId: null,
    ctx: access.ctx,
    actorUserId: access.actorUserId,
    actorLabel: access.actorLabel,
    metadata: { reason: access.reason, ...access.metadata },
  })
  return runAcrossTenants(access.reason, fn)
}
