/*
|--------------------------------------------------------------------------
| Benefit catalogue (staff of grantors and providers, for the current tenant)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'

const BenefitsController = () => import('#catalogue/controllers/benefits_controller')
const WorkflowController = () => import('#catalogue/controllers/benefit_workflow_controller')
const GroupsController = () => import('#catalogue/controllers/person_groups_controller')
const ServicesController = () => import('#catalogue/controllers/services_controller')
const ContractsController = () => import('#catalogue/controllers/contracts_controller')
const ApiBenefitsController = () => import('#catalogue/controllers/api/benefits_controller')

const id = router.matchers.number()

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

/**
 * The catalogue's machine API (contracts.md). NOT MOUNTED YET: it needs the
 * API-client (OAuth client credentials) middleware, which is being built on
 * another branch. When `apiAuth` exists in start/kernel.ts, call this inside
 * that group, e.g.
 *   router.group(() => catalogueApiRoutes()).prefix('/api/v1').use(middleware.apiAuth())
 * The controller reads the client's tenant through `apiTenant(ctx)` in
 * app/catalogue/controllers/api/api_context.ts; adapt that one function.
 */
export function catalogueApiRoutes() {
  router.get('/benefits', [ApiBenefitsController, 'index']).as('api.benefits.index')
  router.post('/benefits', [ApiBenefitsController, 'store']).as('api.benefits.store')
  router.get('/benefits/:code', [ApiBenefitsController, 'show']).as('api.benefits.show')
  router.patch('/benefits/:code', [ApiBenefitsController, 'update']).as('api.benefits.update')
  router.post('/benefits/:code/submit', [ApiBenefitsController, 'submit']).as('api.benefits.submit')
  router
    .post('/benefits/:code/publish', [ApiBenefitsController, 'publish'])
    .as('api.benefits.publish')
}
