import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { homePathFor, pullIntendedUrl } from '#tenancy/auth/login_session'

/**
 * Logs the user in (every check has passed) and answers where to go next:
 * an operator without two-factor must set it up first.
 */
export default class CompleteLogin {
  async handle(input: { ctx: HttpContext; user: User; twoFactor: boolean }) {
    const { ctx, user } = input
    await ctx.auth.use('web').login(user)
    user.lastLoginAt = DateTime.now()
    await user.save()
    await recordAudit({
      action: 'auth.login.succeeded',
      ctx,
      actorUserId: user.id,
      actorLabel: user.email,
      subjectType: 'user',
      subjectId: user.id,
      metadata: { twoFactor: input.twoFactor },
    })

    if (user.isPlatformOperator && !user.hasTwoFactor) return '/two-factor/setup'
    return pullIntendedUrl(ctx) ?? homePathFor(user)
  }
}
