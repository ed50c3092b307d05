import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { NON_PAGE_CSP } from '#platform/http/content_security_policy'

/**
 * Headers every response carries, whoever writes it: pages, the machine API, /api/docs, static
 * files and the Vite dev server, 404s and errors. They go on the Node response itself, because
 * the static middleware writes files without AdonisJS's response. Pages replace the CSP with
 * shield's nonce policy.
 *
 * Referrer-Policy: `strict-origin-when-cross-origin` keeps paths (a password-reset token, a
 * person id) from other sites, while same-origin requests keep the Referer that
 * `response.redirect().back()` needs.
 */
export default class SecurityHeadersMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const response = ctx.response.response
    response.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
    response.setHeader('X-Content-Type-Options', 'nosniff')
    response.setHeader('X-Frame-Options', 'DENY')
    response.setHeader('Content-Security-Policy', NON_PAGE_CSP)
    return next()
  }
}
