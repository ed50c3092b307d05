/*
|--------------------------------------------------------------------------
| Benefit catalogue (staff of grantors and providers, for the current tenant)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'
import { openApi } from '#platform/api/openapi/registry'
import { catalogueFragment } from '#catalogue/controllers/api/openapi'

const BenefitsController = () => import('#catalogue/controllers/benefits_controller')
const WorkflowController = () => import('#catalogue/controllers/benefit_workflow_controller')
const GroupsController = () => import('#catalogue/controllers/person_groups_controller')
const ServicesController = () => import('#catalogue/controllers/services_controller')
const ContractsController = () => import('#catalogue/controllers/contracts_controller')
const ApiBenefitsController = () => import('#catalogue/controllers/api/benefits_controller')

const id = routeParams.int4Id
const code = routeParams.code

router
  .group(() => {
    router.get('/benefits', [BenefitsController, 'index']).as('catalogue.benefits.index')
    router.get('/benefits/new', [BenefitsController, 'create']).as('catalogue.benefits.create')
    router.post('/benefits', [BenefitsController, 'store']).as('catalogue.benefits.store')
    router
      .get('/benefits/:id', [BenefitsController, 'show'])
      .where('id', id)
      .as('catalogue.benefits.show')
    router
      .post('/benefits/:id/versions', [WorkflowController, 'newVersion'])
      .where('id', id)
      .as('catalogue.versions.store')
    router
      .get('/versions/:id/edit', [BenefitsController, 'edit'])
      .where('id', id)
      .as('catalogue.versions.edit')
    router
      .put('/versions/:id', [BenefitsController, 'update'])
      .where('id', id)
      .as('catalogue.versions.update')
    for (const step of ['submit', 'publish', 'suspend', 'archive'] as const) {
      router
        .post(`/versions/:id/${step}`, [WorkflowController, step])
        .where('id', id)
        .as(`catalogue.versions.${step}`)
    }
    router
      .post('/versions/:id/return', [WorkflowController, 'returnToDraft'])
      .where('id', id)
      .as('catalogue.versions.return')

    router.get('/groups', [GroupsController, 'index']).as('catalogue.groups.index')
    router.post('/groups', [GroupsController, 'store']).as('catalogue.groups.store')
    router
      .get('/groups/:id', [GroupsController, 'show'])
      .where('id', id)
      .as('catalogue.groups.show')
    router
      .post('/groups/:id/members', [GroupsController, 'upload'])
      .where('id', id)
      .as('catalogue.groups.upload')

    router.get('/services', [ServicesController, 'index']).as('catalogue.services.index')
    router.post('/services', [ServicesController, 'store']).as('catalogue.services.store')

    router.get('/contracts', [ContractsController, 'index']).as('catalogue.contracts.index')
    router.post('/contracts', [ContractsController, 'store']).as('catalogue.contracts.store')
    router
      .post('/contracts/:id/accept', [ContractsController, 'accept'])
      .where('id', id)
      .as('catalogue.contracts.accept')
    router
      .post('/contracts/:id/reject', [ContractsController, 'reject'])
      .where('id', id)
      .as('catalogue.contracts.reject')
  })
  .prefix('/staff/catalogue')
  .use([...webStack(), middleware.auth(), middleware.tenant()])

/*
| The catalogue's machine API (docs/contracts.md, "Grantors' systems") for grantors' own systems:
| bearer tokens of the tenant's API clients, never the web stack. The
| client's tenant and its identity as the actor come from
| app/catalogue/controllers/api/api_context.ts.
*/
export function catalogueApiRoutes() {
  const read = () => middleware.apiAuth({ scopes: ['catalogue:read'] })
  const write = () => middleware.apiAuth({ scopes: ['catalogue:write'] })
  router.get('/benefits', [ApiBenefitsController, 'index']).use(read()).as('api.benefits.index')
  router.post('/benefits', [ApiBenefitsController, 'store']).use(write()).as('api.benefits.store')
  router
    .get('/benefits/:code', [ApiBenefitsController, 'show'])
    .where('code', code)
    .use(read())
    .as('api.benefits.show')
  router
    .patch('/benefits/:code/draft', [ApiBenefitsController, 'update'])
    .where('code', code)
    .use(write())
    .as('api.benefits.update')
  router
    .post('/benefits/:code/versions', [ApiBenefitsController, 'newVersion'])
    .where('code', code)
    .use(write())
    .as('api.benefits.versions.store')
  router
    .post('/benefits/:code/submit', [ApiBenefitsController, 'submit'])
    .where('code', code)
    .use(write())
    .as('api.benefits.submit')
  router
    .post('/benefits/:code/publish', [ApiBenefitsController, 'publish'])
    .where('code', code)
    .use(write())
    .as('api.benefits.publish')
}

router.group(() => catalogueApiRoutes()).prefix('/api/v1')
openApi.add('catalogue', catalogueFragment)
