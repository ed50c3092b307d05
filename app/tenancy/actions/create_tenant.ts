import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#tenancy/models/tenant'
import type { TenantKind } from '#platform/access/roles'
import { recordAudit } from '#platform/audit/record_audit'

export interface CreateTenantInput {
  kind: TenantKind
  name: string
  registrationNumber: string
  contactEmail: string
  contactPhone?: string | null
  /** The operator's request, for the audit row. */
  ctx?: HttpContext
}

/** Onboards an organisation as an active tenant. */
export default class CreateTenant {
  async handle({ ctx, ...data }: CreateTenantInput) {
    return db.transaction(async (trx) => {
      const tenant = await Tenant.create(
        { ...data, contactPhone: data.contactPhone ?? null, status: 'active' },
        { client: trx }
      )
      await recordAudit({
        action: 'tenancy.tenant.created',
        tenantId: tenant.id,
        subjectType: 'tenant',
        subjectId: tenant.id,
        metadata: { kind: tenant.kind, name: tenant.name },
        ctx,
        trx,
      })
      return tenant
    })
  }
}
