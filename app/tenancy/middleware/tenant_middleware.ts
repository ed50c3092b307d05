import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import Membership from '#tenancy/models/membership'
import { TenantContext } from '#platform/access/tenant_context'
import { platformScope, runInTenant } from '#platform/database/tenant_scope'

export const CURRENT_TENANT_KEY = 'currentTenantId'

/**
 * Resolves the tenant a staff request acts for, once: the one chosen in the
 * switcher (kept in the session) if the user still belongs to it, else the
 * user's first active membership. Suspended tenants are not entered.
 */
export default class TenantMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    const memberships = await platformScope('identity_resolution', () =>
      Membership.query()
        .where('user_id', user.id)
        .whereHas('tenant', (q) => q.where('status', 'active'))
        .preload('tenant')
        .orderBy('id')
    )

    if (memberships.length === 0) {
      return ctx.inertia.render('errors/no_tenant', {}).then((html) => {
        ctx.response.status(403)
        return html
      })
    }

    const chosenId = Number(ctx.session.get(CURRENT_TENANT_KEY))
    const membership = memberships.find((m) => m.tenantId === chosenId) ?? memberships[0]
    ctx.tenantContext = new TenantContext(membership.tenant, membership)
    // From here on the database shows this tenant's rows only (row-level security).
    return runInTenant(membership.tenantId, next)
  }
}
