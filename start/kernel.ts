/*
|--------------------------------------------------------------------------
| HTTP kernel
|--------------------------------------------------------------------------
|
| Router middleware runs on every matched route and stays light. Session,
| CSRF (shield) and Inertia are named middleware applied only to the web
| route groups (see start/routes/web.ts), so the machine API at /api/v1
| never pays for them and never accepts a session cookie.
|
*/
import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#tenancy/exceptions/handler'))

server.use([
  () => import('#middleware/security_headers_middleware'),
  () => import('#middleware/request_id_middleware'),
  () => import('#middleware/assets_middleware'),
])

router.use([
  () => import('@adonisjs/core/bodyparser_middleware'),
  () => import('#middleware/detect_user_locale_middleware'),
])

export const middleware = router.named({
  session: () => import('@adonisjs/session/session_middleware'),
  shield: () => import('@adonisjs/shield/shield_middleware'),
  initializeAuth: () => import('@adonisjs/auth/initialize_auth_middleware'),
  initializeBouncer: () => import('#tenancy/middleware/initialize_bouncer_middleware'),
  inertia: () => import('#tenancy/middleware/inertia_middleware'),
  silentAuth: () => import('#middleware/silent_auth_middleware'),
  guest: () => import('#middleware/guest_middleware'),
  auth: () => import('#middleware/auth_middleware'),
  tenant: () => import('#tenancy/middleware/tenant_middleware'),
  operator: () => import('#middleware/operator_middleware'),
  pluginEnabled: () => import('#middleware/plugin_enabled_middleware'),
  apiAuth: () => import('#platform/api/middleware/api_auth_middleware'),
})

/** The stack every browser-facing route group uses. */
export const webStack = () => [
  middleware.session(),
  middleware.shield(),
  middleware.initializeAuth(),
  middleware.initializeBouncer(),
  middleware.silentAuth(),
  middleware.inertia(),
]
