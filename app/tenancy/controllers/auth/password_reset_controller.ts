import type { HttpContext } from '@adonisjs/core/http'
import { errors as limiterErrors } from '@adonisjs/limiter'
import ResetPassword from '#tenancy/actions/reset_password'
import RequestPasswordReset from '#tenancy/actions/request_password_reset'
import { forgotPasswordValidator, resetPasswordValidator } from '#tenancy/validators/auth'
import { getUsablePasswordResetToken } from '#tenancy/queries/get_password_reset_token'
import { forgotPasswordThrottle, throttleKey } from '#tenancy/auth/throttles'
import {
  absoluteUrl,
  lockoutMessage,
  redirectWithFieldError,
  renderInvalidLink,
} from '#tenancy/auth/responses'

export default class PasswordResetController {
  async create({ inertia }: HttpContext) {
    return inertia.render('auth/forgot_password', {})
  }

  /** Answers the same whether or not the address is registered. */
  async store(ctx: HttpContext) {
    try {
      await forgotPasswordThrottle().consume(throttleKey('forgot', ctx.request.ip()))
    } catch (error) {
      if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
      const message = lockoutMessage(
        ctx,
        error.response.availableIn,
        'auth.errors.too_many_requests'
      )
      return redirectWithFieldError(ctx, 'email', message, '/forgot-password')
    }
    const { email } = await ctx.request.validateUsing(forgotPasswordValidator)
    await new RequestPasswordReset().handle({
      ctx,
      email,
      linkFor: (token) => absoluteUrl(`/reset-password/${token}`),
    })
    ctx.session.flash('success', 'auth.flash.reset_link_sent')
    return ctx.response.redirect().toRoute('auth.password.forgot')
  }

  async edit(ctx: HttpContext) {
    const token = ctx.params.token as string
    if (!(await getUsablePasswordResetToken(token))) {
      return renderInvalidLink(ctx, 'password_reset', 'expired', 410)
    }
    return ctx.inertia.render('auth/reset_password', { token })
  }

  async update(ctx: HttpContext) {
    const token = ctx.params.token as string
    if (!(await getUsablePasswordResetToken(token))) {
      return renderInvalidLink(ctx, 'password_reset', 'expired', 410)
    }
    const { password } = await ctx.request.validateUsing(resetPasswordValidator)
    if (!(await new ResetPassword().handle({ ctx, token, password }))) {
      return renderInvalidLink(ctx, 'password_reset', 'expired', 410)
    }
    ctx.session.flash('success', 'auth.flash.password_reset')
    return ctx.response.redirect().toRoute('auth.login.show')
  }
}
