import { createHash } from 'node:crypto'
import limiter from '@adonisjs/limiter/services/main'

/**
 * Brute-force limits for the sign-in steps. Failures are counted with the
 * limiter's `penalize`: the fifth failure in 15 minutes locks the key for
 * 15 minutes, a success clears it.
 */
const FAILURE_LIMIT = { requests: 5, duration: '15 mins', blockDuration: '15 mins' }

/** Failed logins per account, whatever address they come from. */
export const loginThrottle = () => limiter.use(FAILURE_LIMIT)

/**
 * Failed logins from one client address over all accounts (password spraying).
 * A success does not clear it, so an attacker cannot reset it with an account of
 * their own; an office behind one address still has room for honest typos.
 */
export const loginAddressThrottle = () =>
  limiter.use({ requests: 20, duration: '15 mins', blockDuration: '15 mins' })

export const twoFactorThrottle = () => limiter.use(FAILURE_LIMIT)

/** Forgot-password requests per IP address, and mails per address. */
export const forgotPasswordThrottle = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })
export const resetMailThrottle = () => limiter.use({ requests: 3, duration: '1 hour' })

/** Keys stay short and never contain the address in clear (the store is a table). */
export function throttleKey(scope: string, ...parts: (string | number)[]) {
  const digest = createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 40)
  return `${scope}:${digest}`
}
