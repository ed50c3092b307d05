import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type Tenant from '#tenancy/models/tenant'
import type { TenantStatus } from '#platform/access/roles'
import { recordAudit } from '#platform/audit/record_audit'

export class TenantStatusUnchangedError extends Error {
  constructor(readonly status: TenantStatus) {
    super(`The tenant is already ${status}`)
  }
}

/**
 * Suspends or reactivates a tenant. A suspended tenant's staff can no longer
 * enter it (the tenant middleware only resolves active tenants).
 */
export default class SetTenantStatus {
  async handle(input: { tenant: Tenant; status: TenantStatus; ctx?: HttpContext }) {
    const { tenant, status, ctx } = input
    if (tenant.status === status) throw new TenantStatusUnchangedError(status)

    return db.transaction(async (trx) => {
      tenant.useTransaction(trx)
      tenant.status = status
      await tenant.save()
      await recordAudit({
        action: status === 'suspended' ? 'tenancy.tenant.suspended' : 'tenancy.tenant.reactivated',
        tenantId: tenant.id,
        subjectType: 'tenant',
        subjectId: tenant.id,
        ctx,
        trx,
      })
      return tenant
    })
  }
}
