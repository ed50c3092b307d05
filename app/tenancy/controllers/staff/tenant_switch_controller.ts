import type { HttpContext } from '@adonisjs/core/http'
import { CURRENT_TENANT_KEY } from '#tenancy/middleware/tenant_middleware'
import { switchTenantValidator } from '#tenancy/validators/staff'
import { tenancyValidation } from '#tenancy/validators/messages_provider'
import { platformScope } from '#platform/database/tenant_scope'

export default class TenantSwitchController {
  /** Remembers which of the user's tenants they act for. */
  async update(ctx: HttpContext) {
    // The target is another of the user's tenants: its membership is looked up past the
    // current tenant's scope (the validator checks it is the user's own).
    const { tenantId } = await platformScope('identity_resolution', () =>
      ctx.request.validateUsing(
        switchTenantValidator,
        tenancyValidation(ctx, { userId: ctx.auth.user!.id })
      )
    )
    ctx.session.put(CURRENT_TENANT_KEY, tenantId)
    ctx.session.flash('success', 'tenancy.flash.tenant_switched')
    return ctx.response.redirect().toRoute('staff.dashboard')
  }
}
