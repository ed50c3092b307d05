import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import PasswordResetToken from '#tenancy/models/password_reset_token'
import PasswordResetMail from '#tenancy/mails/password_reset_mail'
import { recordAudit } from '#platform/audit/record_audit'
import { generateToken } from '#tenancy/auth/tokens'
import { resetMailThrottle, throttleKey } from '#tenancy/auth/throttles'

const VALID_FOR = { hours: 1 }

/**
 * Mails a single-use reset link when the address belongs to a user who has
 * a password. The caller answers the same either way.
 */
export default class RequestPasswordReset {
  async handle(input: { ctx: HttpContext; email: string; linkFor: (token: string) => string }) {
    const user = await User.findBy('email', input.email)
    if (!user || user.password === null) return

    // A few mails an hour per address at most, so the form cannot flood an inbox.
    const allowed = await resetMailThrottle().attempt(
      throttleKey('reset_mail', input.email),
      () => true
    )
    if (!allowed) return

    const { token, hash } = generateToken()
    await PasswordResetToken.create({
      userId: user.id,
      tokenHash: hash,
      expiresAt: DateTime.now().plus(VALID_FOR),
      usedAt: null,
    })
    await mail.sendLater(new PasswordResetMail(user, input.linkFor(token)))
    await recordAudit({
      action: 'auth.password.reset_requested',
      ctx: input.ctx,
      actorLabel: user.email,
      subjectType: 'user',
      subjectId: user.id,
    })
  }
}
