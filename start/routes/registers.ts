/*
|--------------------------------------------------------------------------
| Registers in the operator portal: data sources and file-set imports
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'
import { openApi } from '#platform/api/openapi/registry'
import { registersOpenApi } from '#registers/controllers/api/registers_openapi'

const DataSourcesController = () =>
  import('#registers/controllers/operator/data_sources_controller')
const RegisterImportsController = () =>
  import('#registers/controllers/operator/register_imports_controller')
const SourceApiClientsController = () =>
  import('#registers/controllers/operator/data_source_api_clients_controller')

router
  .group(() => {
    router.get('/sources', [DataSourcesController, 'index']).as('operator.registers.sources.index')
    router
      .get('/sources/create', [DataSourcesController, 'create'])
      .as('operator.registers.sources.create')
    router.post('/sources', [DataSourcesController, 'store']).as('operator.registers.sources.store')
    router
      .get('/sources/:id', [DataSourcesController, 'show'])
      .as('operator.registers.sources.show')
      .where('id', routeParams.int4Id)
    router
      .post('/sources/:id/imports', [RegisterImportsController, 'store'])
      .as('operator.registers.imports.store')
      .where('id', routeParams.int4Id)
    router
      .group(() => {
        router
          .post('/', [SourceApiClientsController, 'store'])
          .as('operator.registers.api_clients.store')
        router
          .post('/:clientId/rotate', [SourceApiClientsController, 'rotate'])
          .as('operator.registers.api_clients.rotate')
        router
          .post('/:clientId/revoke', [SourceApiClientsController, 'revoke'])
          .as('operator.registers.api_clients.revoke')
      })
      .prefix('/sources/:id/api-clients')
      .where('id', routeParams.int4Id)
      .where('clientId', routeParams.int4Id)
    router
      .get('/imports', [RegisterImportsController, 'index'])
      .as('operator.registers.imports.index')
    router
      .group(() => {
        router.get('/', [RegisterImportsController, 'show']).as('operator.registers.imports.show')
        router
          .get('/progress', [RegisterImportsController, 'progress'])
          .as('operator.registers.imports.progress')
        router
          .get('/errors.csv', [RegisterImportsController, 'errorReport'])
          .as('operator.registers.imports.error_report')
      })
      .prefix('/imports/:id')
      .where('id', routeParams.int8Id)
  })
  .prefix('/operator/registers')
  .use([...webStack(), middleware.auth(), middleware.operator()])

const RegisterChangesController = () =>
  import('#registers/controllers/api/register_changes_controller')

openApi.add('registers', registersOpenApi)

router
  .post('/api/v1/registers/:source/changes', [RegisterChangesController, 'store'])
  .where('source', routeParams.code)
  .as('api.registers.changes.store')
  .use(middleware.apiAuth({ scopes: ['registers:write'] }))
