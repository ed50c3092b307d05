/*
|--------------------------------------------------------------------------
| Point of use: providers' systems ask decisions and read their services
|--------------------------------------------------------------------------
|
| API only: no session, CSRF or static middleware (see api.ts).
|
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { openApi } from '#platform/api/openapi/registry'
import { decisionsOpenApi } from '#decisions/controllers/decisions_openapi'

const DecisionsController = () => import('#decisions/controllers/decisions_controller')
const ServicesController = () => import('#decisions/controllers/services_controller')

openApi.add('decisions', decisionsOpenApi)

router
  .group(() => {
    router
      .post('/decisions', [DecisionsController, 'store'])
      .as('api.decisions.store')
      .use(middleware.apiAuth({ scopes: ['decisions:write'] }))
    router
      .get('/services', [ServicesController, 'index'])
      .as('api.services.index')
      .use(middleware.apiAuth({ scopes: ['services:read'] }))
  })
  .prefix('/api/v1')
