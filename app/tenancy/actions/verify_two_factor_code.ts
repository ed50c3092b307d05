import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import type User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { twoFactorThrottle, throttleKey } from '#tenancy/auth/throttles'
import { totpStep, userTotpSecret } from '#tenancy/auth/totp'

export type CodeCheck =
  { status: 'ok' } | { status: 'invalid' } | { status: 'locked'; availableIn: number }

class InvalidCode extends Error {}

async function claimStep(userId: number, step: number): Promise<boolean> {
  const result = await db.rawQuery(
    `UPDATE users SET totp_last_step = ?
      WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
    [step, userId, step]
  )
  return result.rowCount > 0
}

/**
 * Checks a user's current TOTP code. Failures are counted per user (not per
 * IP address, so changing address does not buy more guesses) and lock the
 * code step for 15 minutes after the fifth. A code is accepted once: its time
 * step must be later than the last one the user logged in with (claimed in one
 * conditional UPDATE, so two requests with the same code cannot both pass).
 */
export default class VerifyTwoFactorCode {
  async handle(input: { ctx: HttpContext; user: User; code: string }): Promise<CodeCheck> {
    const { ctx, user, code } = input
    const throttle = twoFactorThrottle()
    const key = throttleKey('two_factor', user.id)
    const secret = userTotpSecret(user)

    try {
      const [locked] = await throttle.penalize(key, async () => {
        const step = secret ? totpStep(code, secret) : null
        if (step === null || !(await claimStep(user.id, step))) throw new InvalidCode()
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
