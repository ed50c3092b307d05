import hash from '@adonisjs/core/services/hash'
import { errors as authErrors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { loginThrottle, throttleKey } from '#tenancy/auth/throttles'

export type LoginAttempt =
  { status: 'ok'; user: User } | { status: 'invalid' } | { status: 'locked'; availableIn: number }

/**
 * Checks an email and password, counting failures per address and IP
 * address. A wrong password, an unknown address and an account that has
 * no password yet (invitation not accepted) all fail the same way.
 */
export default class AttemptLogin {
  async handle(input: {
    email: string
    password: string
    ctx: HttpContext
  }): Promise<LoginAttempt> {
    const { email, password, ctx } = input
    const throttle = loginThrottle()
    const key = throttleKey('login', email, ctx.request.ip())

    try {
      const [locked, user] = await throttle.penalize(key, () => verifyCredentials(email, password))
      if (locked) {
        await recordAudit({
          action: 'auth.login.failed',
          ctx,
          actorLabel: email,
          metadata: { email, reason: 'locked_out' },
        })
        return { status: 'locked', availableIn: locked.response.availableIn }
      }
      return { status: 'ok', user }
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    }

    await recordAudit({
      action: 'auth.login.failed',
      ctx,
      actorLabel: email,
      metadata: { email, reason: 'invalid_credentials' },
    })

    const remaining = await throttle.remaining(key)
    if (remaining > 0) return { status: 'invalid' }

    const availableIn = await throttle.availableIn(key)
    await recordAudit({
      action: 'auth.login.locked_out',
      ctx,
      actorLabel: email,
      metadata: { email, lockedForSeconds: availableIn },
    })
    return { status: 'locked', availableIn }
  }
}

async function verifyCredentials(email: string, password: string) {
  const user = await User.findBy('email', email)
  if (user && user.password === null) {
    // Spend the same time as a real check so the answer reveals nothing.
    await hash.use('scrypt').make(password)
    throw new authErrors.E_INVALID_CREDENTIALS('Invalid user credentials')
  }
  return User.verifyCredentials(email, password)
}
