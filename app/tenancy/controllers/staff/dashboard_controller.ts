import type { HttpContext } from '@adonisjs/core/http'
import { getTenantCounts } from '#tenancy/queries/get_tenant_counts'

export default class DashboardController {
  /** The tenant the user acts for, their role there, and a few figures. */
  async show({ tenantContext, inertia }: HttpContext) {
    const context = tenantContext!
    return inertia.render('staff/dashboard', {
      tenant: { name: context.tenant.name, kind: context.tenant.kind },
      role: context.role,
      counts: await getTenantCounts(context.tenantId),
    })
  }
}
