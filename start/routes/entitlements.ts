/*
|--------------------------------------------------------------------------
| Entitlements: staff explanations, operator runs, grantors' API
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'
import { openApi } from '#platform/api/openapi/registry'
import { entitlementsOpenApi } from '#entitlements/controllers/entitlements_openapi'

const StaffController = () => import('#entitlements/controllers/staff_entitlements_controller')
const RunsController = () => import('#entitlements/controllers/operator_runs_controller')
const WhatIfController = () => import('#entitlements/controllers/what_if_controller')
const ApiController = () => import('#entitlements/controllers/api_entitlements_controller')

// Person ids (bigIncrements); /what-if/:id takes a benefit version's.
const id = routeParams.int8Id

router
  .group(() => {
    router.get('/', [StaffController, 'index']).as('entitlements.search')
    router.post('/search', [StaffController, 'search']).as('entitlements.search.store')
    router
      .get('/persons/:id', [StaffController, 'person'])
      .where('id', id)
      .as('entitlements.person')
    router
      .get('/persons/:id/benefits/:code', [StaffController, 'explain'])
      .where('id', id)
      .where('code', routeParams.code)
      .as('entitlements.explain')
    router
      .post('/persons/:id/decisions', [StaffController, 'decide'])
      .where('id', id)
      .as('entitlements.decisions.store')
    router
      .get('/what-if/:id', [WhatIfController, 'show'])
      .where('id', routeParams.int4Id)
      .as('entitlements.what_if')
  })
  .prefix('/staff/entitlements')
  .use([...webStack(), middleware.auth(), middleware.tenant()])

router
  .group(() => {
    router.get('/', [RunsController, 'index']).as('operator.entitlement_runs.index')
    router.get('/progress', [RunsController, 'progress']).as('operator.entitlement_runs.progress')
    router.post('/', [RunsController, 'store']).as('operator.entitlement_runs.store')
  })
  .prefix('/operator/entitlement-runs')
  .use([...webStack(), middleware.auth(), middleware.operator()])

openApi.add('entitlements', entitlementsOpenApi)

router
  .group(() => {
    router.get('/entitlements', [ApiController, 'index']).as('api.entitlements.index')
    router.get('/entitlements/explain', [ApiController, 'explain']).as('api.entitlements.explain')
  })
  .prefix('/api/v1')
  .use(middleware.apiAuth({ scopes: ['entitlements:read'] }))
