import { DateTime } from 'luxon'
import type { HttpContext } from '@adonisjs/core/http'
import type User from '#tenancy/models/user'

/** Session keys of the sign-in steps. */
const PENDING_TWO_FACTOR = 'auth.pending_two_factor'
const INTENDED_URL = 'auth.intended_url'
const SETUP_SECRET = 'auth.two_factor_setup_secret'

/** How long a correct password waits for its TOTP code. */
const PENDING_MINUTES = 10

export function homePathFor(user: User) {
  return user.isPlatformOperator ? '/operator/tenants' : '/staff'
}

/** The password step passed; the user is not logged in until the code is checked. */
export function putPendingTwoFactor(ctx: HttpContext, user: User) {
  ctx.session.put(PENDING_TWO_FACTOR, {
    userId: user.id,
    expiresAt: DateTime.now().plus({ minutes: PENDING_MINUTES }).toMillis(),
  })
}

export function pendingTwoFactorUserId(ctx: HttpContext): number | null {
  const pending = ctx.session.get(PENDING_TWO_FACTOR) as
    { userId: number; expiresAt: number } | undefined
  if (!pending || pending.expiresAt < Date.now()) return null
  return pending.userId
}

export function forgetPendingTwoFactor(ctx: HttpContext) {
  ctx.session.forget(PENDING_TWO_FACTOR)
}

/** Only same-site paths this module sets itself (an invitation link) are kept. */
export function rememberIntendedUrl(ctx: HttpContext, path: string) {
  if (path.startsWith('/') && !path.startsWith('//')) ctx.session.put(INTENDED_URL, path)
}

export function pullIntendedUrl(ctx: HttpContext): string | null {
  const path = ctx.session.pull(INTENDED_URL) as string | undefined
  return path && path.startsWith('/') && !path.startsWith('//') ? path : null
}

export function setupSecret(ctx: HttpContext): string | undefined {
  return ctx.session.get(SETUP_SECRET)
}

export function putSetupSecret(ctx: HttpContext, secret: string) {
  ctx.session.put(SETUP_SECRET, secret)
}

export function forgetSetupSecret(ctx: HttpContext) {
  ctx.session.forget(SETUP_SECRET)
}
