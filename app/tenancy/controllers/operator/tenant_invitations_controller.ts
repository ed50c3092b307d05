import type { HttpContext } from '@adonisjs/core/http'
import CreateInvitation from '#tenancy/actions/create_invitation'
import { getTenant } from '#tenancy/queries/get_tenant'
import { adminInvitationValidator } from '#tenancy/validators/invitation'
import { tenancyValidation } from '#tenancy/validators/messages_provider'

export default class TenantInvitationsController {
  /** The operator invites a tenant's administrator. */
  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    const data = await ctx.request.validateUsing(
      adminInvitationValidator,
      tenancyValidation(ctx, { tenantId: tenant.id })
    )
    await new CreateInvitation().handle({
      tenant,
      ...data,
      role: 'tenant_admin',
      invitedByUserId: ctx.auth.user!.id,
      locale: ctx.i18n.locale,
      ctx,
    })
    ctx.session.flash('success', 'tenancy.flash.invitation_sent')
    return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
  }
}
