import { DateTime } from 'luxon'
import { appUrl } from '#config/app'
import type { HttpContext } from '@adonisjs/core/http'

/** Secrets never go back into the form after a failed submit. */
const NEVER_FLASHED = ['_csrf', 'password', 'passwordConfirmation', 'code']

/** Sends the form back with one error shown on one field (and in the error summary). */
export function redirectWithFieldError(
  ctx: HttpContext,
  field: string,
  message: string,
  to: string
) {
  ctx.session.flashExcept(NEVER_FLASHED)
  ctx.session.flash('inputErrorsBag', { [field]: [message] })
  return ctx.response.redirect(to)
}

/** "Try again after 14:35 (in 15 minutes)", in Riga time. */
export function lockoutMessage(
  ctx: HttpContext,
  availableInSeconds: number,
  key = 'auth.errors.locked'
) {
  const until = DateTime.now().plus({ seconds: availableInSeconds }).setZone('Europe/Riga')
  return ctx.i18n.t(key, {
    time: until.toFormat('HH:mm'),
    minutes: Math.max(1, Math.ceil(availableInSeconds / 60)),
  })
}

/** A reset or invitation link that cannot be used: a page that says why. */
export async function renderInvalidLink(
  ctx: HttpContext,
  kind: 'password_reset' | 'invitation',
  reason: 'unknown' | 'expired' | 'used',
  status: 404 | 410
) {
  const html = await ctx.inertia.render('auth/invalid_link', { kind, reason })
  ctx.response.status(status)
  return html
}

/**
 * Absolute links in mails, always on the configured address (APP_URL, required in
 * production): never the request's Host or X-Forwarded-Host, which a client chooses, so a
 * forged header cannot send a reset link to another host.
 */
export function absoluteUrl(path: string) {
  return `${appUrl.replace(/\/+$/, '')}${path}`
}
