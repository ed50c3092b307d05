import type { HttpContext } from '@adonisjs/core/http'
import type User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'

/** Turns two-factor off; the caller has checked the current code and the user's kind. */
export default class DisableTwoFactor {
  async handle(input: { ctx: HttpContext; user: User }) {
    const { ctx, user } = input
    user.totpSecret = null
    user.totpEnabledAt = null
    await user.save()
    await recordAudit({
      action: 'auth.two_factor.disabled',
      ctx,
      subjectType: 'user',
      subjectId: user.id,
    })
  }
}
