import env from '#start/env'
import string from '@adonisjs/core/helpers/string'
import { configProvider } from '@adonisjs/core'
import { secureCookies } from '#config/app'
import { defineConfig } from '@adonisjs/session'
import type { SessionLifetimes } from '#platform/sessions/session_lifetimes'

/**
 * A staff session ends `SESSION_ABSOLUTE_TIMEOUT` after login and after
 * `SESSION_IDLE_TIMEOUT` without a request, checked on the server whatever the
 * cookie says (the cookie's Max-Age only saves the browser sending a dead id).
 */
export const sessionLifetimes: SessionLifetimes = {
  absoluteSeconds: string.seconds.parse(env.get('SESSION_ABSOLUTE_TIMEOUT', '12h')),
  idleSeconds: string.seconds.parse(env.get('SESSION_IDLE_TIMEOUT', '30m')),
}

const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'atvieglo-session',
  clearWithBrowser: false,
  age: sessionLifetimes.absoluteSeconds,

  cookie: {
    path: '/',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },

  /** `database` everywhere; the test suite's client writes its sessions to `memory`. */
  store: env.get('SESSION_DRIVER', 'database'),

  stores: {
    /** The rows of the `sessions` table (custom store: see DatabaseSessionStore for why). */
    database: configProvider.create(async () => {
      const { DatabaseSessionStore } = await import('#platform/sessions/database_session_store')
      return () => new DatabaseSessionStore({ ...sessionLifetimes, userKey: 'auth_web' })
    }),
  },
})

export default sessionConfig
