import { defineConfig } from '@adonisjs/shield'
import { pageCspDirectives } from '#platform/http/content_security_policy'

const shieldConfig = defineConfig({
  /**
   * Content-Security-Policy of the HTML pages, with a nonce per request
   * (app/platform/http/content_security_policy.ts). Responses outside the
   * web stack get their headers from security_headers_middleware.
   */
  csp: {
    enabled: true,
    directives: pageCspDirectives(),
    reportOnly: false,
  },

  /**
   * Configure CSRF protection options. Refer documentation
   * to learn more
   */
  csrf: {
    enabled: true,
    exceptRoutes: [],
    enableXsrfCookie: true,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },

  /**
   * Control how your website should be embedded inside
   * iFrames
   */
  xFrame: {
    enabled: true,
    action: 'DENY',
  },

  /**
   * Force browser to always use HTTPS
   */
  hsts: {
    enabled: true,
    maxAge: '180 days',
  },

  /**
   * Disable browsers from sniffing the content type of a
   * response and always rely on the "content-type" header.
   */
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
