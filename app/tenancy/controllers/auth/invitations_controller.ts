import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import type Invitation from '#tenancy/models/invitation'
import AcceptInvitation from '#tenancy/actions/accept_invitation'
import CompleteLogin from '#tenancy/actions/complete_login'
import { acceptInvitationValidator } from '#tenancy/validators/auth'
import { getInvitationByToken } from '#tenancy/queries/get_invitation'
import { rememberIntendedUrl } from '#tenancy/auth/login_session'
import { renderInvalidLink } from '#tenancy/auth/responses'
import { CURRENT_TENANT_KEY } from '#tenancy/middleware/tenant_middleware'

/**
 * What the invitee must do: `register` (no account yet: name and password),
 * `confirm` (signed in as the invited address), `sign_in` (has an account,
 * not signed in) or `wrong_user` (signed in as someone else).
 */
type Mode = 'register' | 'confirm' | 'sign_in' | 'wrong_user'

export default class InvitationsController {
  async show(ctx: HttpContext) {
    const found = await this.find(ctx)
    if ('invalid' in found) return found.invalid
    const { invitation, mode } = found

    if (mode === 'sign_in') rememberIntendedUrl(ctx, `/invitations/${ctx.params.token}`)
    return ctx.inertia.render('auth/invitation', {
      token: ctx.params.token as string,
      mode,
      invitation: {
        email: invitation.email,
        fullName: invitation.fullName,
        role: invitation.role,
        tenantName: invitation.tenant.name,
        expiresAt: invitation.expiresAt.toISO()!,
      },
    })
  }

  async store(ctx: HttpContext) {
    const found = await this.find(ctx)
    if ('invalid' in found) return found.invalid
    const { invitation, mode } = found
    const token = ctx.params.token as string

    if (mode === 'sign_in' || mode === 'wrong_user') {
      return ctx.response.redirect().toRoute('auth.invitation.show', { token })
    }

    const accept = new AcceptInvitation()
    const accepted =
      mode === 'confirm'
        ? await accept.handle({ ctx, token, existingUser: ctx.auth.getUserOrFail() })
        : await accept.handle({
            ctx,
            token,
            account: {
              ...(await ctx.request.validateUsing(acceptInvitationValidator)),
              locale: ctx.i18n.locale,
            },
          })
    if (!accepted) return renderInvalidLink(ctx, 'invitation', 'used', 410)

    ctx.session.put(CURRENT_TENANT_KEY, invitation.tenantId)
    ctx.session.flash('success', 'auth.flash.invitation_accepted')
    if (mode === 'confirm') return ctx.response.redirect('/staff')

    const next = await new CompleteLogin().handle({ ctx, user: accepted.user, twoFactor: false })
    return ctx.response.redirect(next)
  }

  private async find(
    ctx: HttpContext
  ): Promise<
    | { invitation: Invitation; mode: Mode }
    | { invalid: Awaited<ReturnType<typeof renderInvalidLink>> }
  > {
    const invitation = await getInvitationByToken(ctx.params.token)
    if (!invitation) {
      return { invalid: await renderInvalidLink(ctx, 'invitation', 'unknown', 404) }
    }
    if (invitation.acceptedAt) {
      return { invalid: await renderInvalidLink(ctx, 'invitation', 'used', 410) }
    }
    if (!invitation.isUsable) {
      return { invalid: await renderInvalidLink(ctx, 'invitation', 'expired', 410) }
    }

    const account = await User.findBy('email', invitation.email.toLowerCase())
    const current = ctx.auth.user
    let mode: Mode
    if (!account || account.password === null) mode = current ? 'wrong_user' : 'register'
    else if (current) mode = current.id === account.id ? 'confirm' : 'wrong_user'
    else mode = 'sign_in'
    return { invitation, mode }
  }
}
