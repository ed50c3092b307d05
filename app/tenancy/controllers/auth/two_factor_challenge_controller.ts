import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import CompleteLogin from '#tenancy/actions/complete_login'
import VerifyTwoFactorCode from '#tenancy/actions/verify_two_factor_code'
import { twoFactorCodeValidator } from '#tenancy/validators/auth'
import { forgetPendingTwoFactor, pendingTwoFactorUserId } from '#tenancy/auth/login_session'
import { lockoutMessage, redirectWithFieldError } from '#tenancy/auth/responses'

/** The second sign-in step for users with two-factor on. */
export default class TwoFactorChallengeController {
  async show(ctx: HttpContext) {
    if (!(await this.pendingUser(ctx))) return ctx.response.redirect().toRoute('auth.login.show')
    return ctx.inertia.render('auth/two_factor_challenge', {})
  }

  async store(ctx: HttpContext) {
    const user = await this.pendingUser(ctx)
    if (!user) {
      ctx.session.flash('error', 'auth.flash.sign_in_again')
      return ctx.response.redirect().toRoute('auth.login.show')
    }
    const { code } = await ctx.request.validateUsing(twoFactorCodeValidator)
    const check = await new VerifyTwoFactorCode().handle({ ctx, user, code })

    if (check.status === 'locked') {
      forgetPendingTwoFactor(ctx)
      return redirectWithFieldError(ctx, 'email', lockoutMessage(ctx, check.availableIn), '/login')
    }
    if (check.status === 'invalid') {
      const message = ctx.i18n.t('auth.errors.invalid_code')
      return redirectWithFieldError(ctx, 'code', message, '/two-factor/challenge')
    }

    forgetPendingTwoFactor(ctx)
    const next = await new CompleteLogin().handle({ ctx, user, twoFactor: true })
    return ctx.response.redirect(next)
  }

  private async pendingUser(ctx: HttpContext) {
    const userId = pendingTwoFactorUserId(ctx)
    if (!userId) return null
    const user = await User.find(userId)
    return user?.hasTwoFactor ? user : null
  }
}
