import type { HttpContext } from '@adonisjs/core/http'
import type User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { twoFactorThrottle, throttleKey } from '#tenancy/auth/throttles'
import { userTotpSecret, verifyTotp } from '#tenancy/auth/totp'

export type CodeCheck =
  { status: 'ok' } | { status: 'invalid' } | { status: 'locked'; availableIn: number }

class InvalidCode extends Error {}

/**
 * Checks a user's current TOTP code. Failures are counted per user (not per
 * IP address, so changing address does not buy more guesses) and lock the
 * code step for 15 minutes after the fifth.
 */
export default class VerifyTwoFactorCode {
  async handle(input: { ctx: HttpContext; user: User; code: string }): Promise<CodeCheck> {
    const { ctx, user, code } = input
    const throttle = twoFactorThrottle()
    const key = throttleKey('two_factor', user.id)
    const secret = userTotpSecret(user)

    try {
      const [locked] = await throttle.penalize(key, async () => {
        if (!secret || !verifyTotp(code, secret)) throw new InvalidCode()
      })
      if (locked) return { status: 'locked', availableIn: locked.response.availableIn }
      return { status: 'ok' }
    } catch (error) {
      if (!(error instanceof InvalidCode)) throw error
    }

    const audit = {
      ctx,
      actorUserId: user.id,
      actorLabel: user.email,
      subjectType: 'user',
      subjectId: user.id,
    }
    await recordAudit({ ...audit, action: 'auth.two_factor.failed' })
    if ((await throttle.remaining(key)) > 0) return { status: 'invalid' }

    const availableIn = await throttle.availableIn(key)
    await recordAudit({
      ...audit,
      action: 'auth.two_factor.locked_out',
      metadata: { lockedForSeconds: availableIn },
    })
    return { status: 'locked', availableIn }
  }
}
