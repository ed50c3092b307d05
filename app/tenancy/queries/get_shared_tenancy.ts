import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#tenancy/models/membership'
import type User from '#tenancy/models/user'
import { platformScope } from '#platform/database/tenant_scope'

/** The user's tenants (for the switcher) and the one this request acts for. */
export async function sharedTenancy(ctx: HttpContext, user: User) {
  const memberships = await platformScope('identity_resolution', () =>
    Membership.query().where('user_id', user.id).preload('tenant').orderBy('id')
  )
  return {
    current: ctx.tenantContext
      ? {
          id: ctx.tenantContext.tenant.id,
          name: ctx.tenantContext.tenant.name,
          kind: ctx.tenantContext.tenant.kind,
          role: ctx.tenantContext.role,
        }
      : null,
    memberships: memberships.map((m) => ({
      tenantId: m.tenantId,
      tenantName: m.tenant.name,
      role: m.role,
    })),
  }
}
