import env from '#start/env'
import { defineConfig } from '@adonisjs/core/http'
import { trustedProxies } from '#platform/http/trusted_proxies'

export const appKey = env.get('APP_KEY')
if (env.get('NODE_ENV') === 'production' && !env.get('APP_URL')) {
  throw new Error(
    'APP_URL must be set in production: mailed links (password resets, invitations) are built on it, never on the request Host header'
  )
}

export const appUrl = env.get('APP_URL', `http://${env.get('HOST')}:${env.get('PORT')}`)

/**
 * Cookies are `Secure` when the app is served over https (APP_URL says how
 * users reach it): a browser drops Secure cookies on a plain-http host, which
 * would make login impossible there without any error.
 */
export const secureCookies = appUrl.startsWith('https:')

export const http = defineConfig({
  generateRequestId: true,
  allowMethodSpoofing: false,
  useAsyncLocalStorage: true,
  /** Off unless TRUSTED_PROXIES names the proxies in front of the app (e.g. `loopback`). */
  trustProxy: trustedProxies(env.get('TRUSTED_PROXIES')),
  cookie: {
    domain: '',
    path: '/',
    maxAge: '2h',
    httpOnly: true,
    secure: secureCookies,
    sameSite: 'lax',
  },
})
