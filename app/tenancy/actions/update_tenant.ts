import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type Tenant from '#tenancy/models/tenant'
import type { TenantKind } from '#platform/access/roles'
import { recordAudit } from '#platform/audit/record_audit'

export interface UpdateTenantInput {
  tenant: Tenant
  data: {
    kind: TenantKind
    name: string
    registrationNumber: string
    contactEmail: string
    contactPhone?: string | null
  }
  ctx?: HttpContext
}

const FIELDS = ['kind', 'name', 'registrationNumber', 'contactEmail', 'contactPhone'] as const

/** Changes a tenant's details; the audit row lists what changed, before and after. */
export default class UpdateTenant {
  async handle({ tenant, data, ctx }: UpdateTenantInput) {
    const next = { ...data, contactPhone: data.contactPhone ?? null }
    const changes: Record<string, { from: unknown; to: unknown }> = {}
    for (const field of FIELDS) {
      if (tenant[field] !== next[field]) changes[field] = { from: tenant[field], to: next[field] }
    }
    if (Object.keys(changes).length === 0) return tenant

    return db.transaction(async (trx) => {
      tenant.useTransaction(trx)
      await tenant.merge(next).save()
      await recordAudit({
        action: 'tenancy.tenant.updated',
        tenantId: tenant.id,
        subjectType: 'tenant',
        subjectId: tenant.id,
        metadata: { changes },
        ctx,
        trx,
      })
      return tenant
    })
  }
}
