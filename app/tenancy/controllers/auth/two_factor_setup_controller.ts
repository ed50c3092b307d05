import type { HttpContext } from '@adonisjs/core/http'
import EnableTwoFactor from '#tenancy/actions/enable_two_factor'
import DisableTwoFactor from '#tenancy/actions/disable_two_factor'
import VerifyTwoFactorCode from '#tenancy/actions/verify_two_factor_code'
import { twoFactorCodeValidator } from '#tenancy/validators/auth'
import {
  forgetSetupSecret,
  homePathFor,
  pullIntendedUrl,
  putSetupSecret,
  setupSecret,
} from '#tenancy/auth/login_session'
import { generateTotpSecret, totpQrCode, totpUri } from '#tenancy/auth/totp'
import { lockoutMessage, redirectWithFieldError } from '#tenancy/auth/responses'

/** Turning two-factor on (with an authenticator app) and off. */
export default class TwoFactorSetupController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    if (user.hasTwoFactor) {
      return ctx.inertia.render('auth/two_factor_setup', {
        enabled: true,
        mandatory: user.isPlatformOperator,
        secret: null,
        qrCode: null,
      })
    }

    // The same secret until it is confirmed, so a reload does not break a half-done setup.
    let secret = setupSecret(ctx)
    if (!secret) {
      secret = generateTotpSecret()
      putSetupSecret(ctx, secret)
    }
    return ctx.inertia.render('auth/two_factor_setup', {
      enabled: false,
      mandatory: user.isPlatformOperator,
      secret,
      qrCode: await totpQrCode(totpUri(user.email, secret)),
    })
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    if (user.hasTwoFactor) return ctx.response.redirect().toRoute('auth.two_factor.setup')

    const { code } = await ctx.request.validateUsing(twoFactorCodeValidator)
    const secret = setupSecret(ctx)
    const enabled = secret && (await new EnableTwoFactor().handle({ ctx, user, secret, code }))
    if (!enabled) {
      const message = ctx.i18n.t('auth.errors.invalid_code')
      return redirectWithFieldError(ctx, 'code', message, '/two-factor/setup')
    }

    forgetSetupSecret(ctx)
    ctx.session.flash('success', 'auth.flash.two_factor_enabled')
    return ctx.response.redirect(pullIntendedUrl(ctx) ?? homePathFor(user))
  }

  async destroy(ctx: HttpContext) {
    const user = ctx.auth.getUserOrFail()
    if (user.isPlatformOperator) {
      ctx.session.flash('error', 'auth.flash.two_factor_mandatory')
      return ctx.response.redirect().toRoute('auth.two_factor.setup')
    }
    if (!user.hasTwoFactor) return ctx.response.redirect().toRoute('auth.two_factor.setup')

    const { code } = await ctx.request.validateUsing(twoFactorCodeValidator)
    const check = await new VerifyTwoFactorCode().handle({ ctx, user, code })
    if (check.status !== 'ok') {
      const message =
        check.status === 'locked'
          ? lockoutMessage(ctx, check.availableIn)
          : ctx.i18n.t('auth.errors.invalid_code')
      return redirectWithFieldError(ctx, 'code', message, '/two-factor/setup')
    }

    await new DisableTwoFactor().handle({ ctx, user })
    ctx.session.flash('success', 'auth.flash.two_factor_disabled')
    return ctx.response.redirect().toRoute('auth.two_factor.setup')
  }
}
