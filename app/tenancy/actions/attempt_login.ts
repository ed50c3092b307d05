import hash from '@adonisjs/core/services/hash'
import { errors as authErrors } from '@adonisjs/auth'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import { recordAudit } from '#platform/audit/record_audit'
import { loginAddressThrottle, loginThrottle, throttleKey } from '#tenancy/auth/throttles'

export type LoginAttempt =
  { status: 'ok'; user: User } | { status: 'invalid' } | { status: 'locked'; availableIn: number }

/**
 * Checks an email and password. Failures are counted per account (the
 * address typed, whether or not it is registered, so changing IP address buys
 * no guesses and a lockout tells nothing about the account) and per client IP
 * address over all accounts. A wrong password, an unknown address and an
 * account that has no password yet (invitation not accepted) all fail the same way.
 */
export default class AttemptLogin {
  async handle(input: {
    email: string
    password: string
    ctx: HttpContext
  }): Promise<LoginAttempt> {
    const { email, password, ctx } = input
    const account = loginThrottle()
    const accountKey = throttleKey('login', email)
    const address = loginAddressThrottle()
    const addressKey = throttleKey('login_ip', ctx.request.ip())

    if ((await address.remaining(addressKey)) <= 0) {
      await auditFailure(ctx, email, 'address_locked_out')
      return { status: 'locked', availableIn: await address.availableIn(addressKey) }
    }

    try {
      const [locked, user] = await account.penalize(accountKey, () =>
        verifyCredentials(email, password)
      )
      if (locked) {
        await auditFailure(ctx, email, 'locked_out')
        return { status: 'locked', availableIn: locked.response.availableIn }
      }
      return { status: 'ok', user }
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    }

    await auditFailure(ctx, email, 'invalid_credentials')
    const { consumed, limit } = await address.increment(addressKey)
    if (consumed >= limit) {
      await address.block(addressKey, address.blockDuration)
      return lockedOut(ctx, email, await address.availableIn(addressKey), 'address')
    }
    if ((await account.remaining(accountKey)) > 0) return { status: 'invalid' }
    return lockedOut(ctx, email, await account.availableIn(accountKey), 'account')
  }
}

function auditFailure(ctx: HttpContext, email: string, reason: string) {
  return recordAudit({
    action: 'auth.login.failed',
    ctx,
    actorLabel: email,
    metadata: { email, reason },
  })
}

async function lockedOut(
  ctx: HttpContext,
  email: string,
  availableIn: number,
  scope: 'account' | 'address'
): Promise<LoginAttempt> {
  await recordAudit({
    action: 'auth.login.locked_out',
    ctx,
    actorLabel: email,
    metadata: { email, scope, lockedForSeconds: availableIn },
  })
  return { status: 'locked', availableIn }
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
