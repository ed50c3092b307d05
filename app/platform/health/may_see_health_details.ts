import { createHash, timingSafeEqual } from 'node:crypto'
import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * The full readiness report (messages, pid, Node version, uptime) is for a platform operator
 * signed in with two-factor, or for a monitor sending `Authorization: Bearer <HEALTH_TOKEN>`.
 */
export function maySeeHealthDetails(ctx: HttpContext) {
  const user = ctx.auth.user
  if (user?.isPlatformOperator && user.hasTwoFactor) return true
  const token = env.get('HEALTH_TOKEN')
  const header = ctx.request.header('authorization') ?? ''
  const bearer = /^Bearer (.+)$/i.exec(header)?.[1]
  if (!token || !bearer) return false
  return timingSafeEqual(digest(bearer), digest(token.release()))
}
