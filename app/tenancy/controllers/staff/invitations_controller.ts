import type { HttpContext } from '@adonisjs/core/http'
import CreateInvitation from '#tenancy/actions/create_invitation'
import { staffInvitationValidator } from '#tenancy/validators/invitation'
import { tenancyValidation } from '#tenancy/validators/messages_provider'

export default class InvitationsController {
  /** A tenant administrator invites a colleague to the current tenant. */
  async store(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize('manageStaff', context)
    const data = await ctx.request.validateUsing(
      staffInvitationValidator,
      tenancyValidation(ctx, { tenantId: context.tenantId })
    )
    await new CreateInvitation().handle({
      tenant: context.tenant,
      ...data,
      invitedByUserId: ctx.auth.user!.id,
      locale: ctx.i18n.locale,
      ctx,
    })
    ctx.session.flash('success', 'tenancy.flash.invitation_sent')
    return ctx.response.redirect().toRoute('staff.users.index')
  }
}
