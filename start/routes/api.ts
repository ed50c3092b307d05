/*
|--------------------------------------------------------------------------
| Machine-to-machine API (/api/v1) and the API client admin pages
|--------------------------------------------------------------------------
|
| /api routes never get the web stack: no session, no CSRF, no Inertia.
| A caller authenticates with a bearer token from POST /api/v1/oauth/token
| (`middleware.apiAuth({ scopes })`); a session cookie authenticates nothing
| here. Errors under /api are `{ errors: [...] }` JSON (render_api_error.ts).
| Each context describes its endpoints with `openApi.add(...)` next to its
| routes; GET /api/v1/openapi.json serves the merged document.
|
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'
import { openApi } from '#platform/api/openapi/registry'
import { coreFragment } from '#platform/api/openapi/core_fragment'

const OAuthTokenController = () => import('#platform/api/controllers/oauth_token_controller')
const MeController = () => import('#platform/api/controllers/me_controller')
const OpenApiController = () => import('#platform/api/controllers/openapi_controller')
const StaffApiClientsController = () => import('#tenancy/controllers/staff/api_clients_controller')

openApi.add('platform', coreFragment)

router
  .group(() => {
    router.post('/oauth/token', [OAuthTokenController, 'store']).as('api.oauth.token')
    router.get('/openapi.json', [OpenApiController, 'document']).as('api.openapi')
    router.get('/me', [MeController, 'show']).as('api.me').use(middleware.apiAuth())
  })
  .prefix('/api/v1')

router.get('/api/docs', [OpenApiController, 'docs']).as('api.docs')

router
  .group(() => {
    router.get('/', [StaffApiClientsController, 'index']).as('staff.api_clients.index')
    router.post('/', [StaffApiClientsController, 'store']).as('staff.api_clients.store')
    router
      .post('/:id/rotate', [StaffApiClientsController, 'rotate'])
      .where('id', routeParams.int4Id)
      .as('staff.api_clients.rotate')
    router
      .post('/:id/revoke', [StaffApiClientsController, 'revoke'])
      .where('id', routeParams.int4Id)
      .as('staff.api_clients.revoke')
  })
  .prefix('/staff/api-clients')
  .use([...webStack(), middleware.auth(), middleware.tenant()])
