import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { encryptTotpSecret, verifyTotp } from '#tenancy/auth/totp'

/** Turns on two-factor once the user proves the app shows codes for the new secret. */
export default class EnableTwoFactor {
  async handle(input: { ctx: HttpContext; user: User; secret: string; code: string }) {
    const { ctx, user, secret, code } = input
    if (!verifyTotp(code, secret)) return false

    user.totpSecret = encryptTotpSecret(secret)
    user.totpEnabledAt = DateTime.now()
    await user.save()
    await recordAudit({
      action: 'auth.two_factor.enabled',
      ctx,
      subjectType: 'user',
      subjectId: user.id,
    })
    return true
  }
}
