import type { HttpContext } from '@adonisjs/core/http'
import AttemptLogin from '#tenancy/actions/attempt_login'
import CompleteLogin from '#tenancy/actions/complete_login'
import { loginValidator } from '#tenancy/validators/auth'
import { recordAudit } from '#platform/audit/record_audit'
import { putPendingTwoFactor } from '#tenancy/auth/login_session'
import { lockoutMessage, redirectWithFieldError } from '#tenancy/auth/responses'

export default class SessionController {
  async show({ inertia }: HttpContext) {
    return inertia.render('auth/login', {})
  }

  async store(ctx: HttpContext) {
    const { email, password } = await ctx.request.validateUsing(loginValidator)
    const attempt = await new AttemptLogin().handle({ email, password, ctx })

    if (attempt.status === 'locked') {
      return redirectWithFieldError(
        ctx,
        'email',
        lockoutMessage(ctx, attempt.availableIn),
        '/login'
      )
    }
    if (attempt.status === 'invalid') {
      return redirectWithFieldError(
        ctx,
        'email',
        ctx.i18n.t('auth.errors.invalid_credentials'),
        '/login'
      )
    }

    if (attempt.user.hasTwoFactor) {
      ctx.session.regenerate()
      putPendingTwoFactor(ctx, attempt.user)
      return ctx.response.redirect().toRoute('auth.two_factor.challenge')
    }
    const next = await new CompleteLogin().handle({ ctx, user: attempt.user, twoFactor: false })
    return ctx.response.redirect(next)
  }

  async destroy(ctx: HttpContext) {
    const user = ctx.auth.user
    if (user) {
      await recordAudit({ action: 'auth.logout', ctx, subjectType: 'user', subjectId: user.id })
      await ctx.auth.use('web').logout()
    }
    // A new, empty session: the old id's row is deleted when this one is saved,
    // so a copy of the old cookie is worth nothing.
    ctx.session.clear()
    ctx.session.regenerate()
    ctx.session.flash('success', 'auth.flash.logged_out')
    return ctx.response.redirect().toRoute('auth.login.show')
  }
}
