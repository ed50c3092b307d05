/*
|--------------------------------------------------------------------------
| Registers in the operator portal: data sources and file-set imports
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'

const DataSourcesController = () =>
  import('#registers/controllers/operator/data_sources_controller')
const RegisterImportsController = () =>
  import('#registers/controllers/operator/register_imports_controller')

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
      .where('id', router.matchers.number())
    router
      .post('/sources/:id/imports', [RegisterImportsController, 'store'])
      .as('operator.registers.imports.store')
      .where('id', router.matchers.number())
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
      .where('id', router.matchers.number())
  })
  .prefix('/operator/registers')
  .use([...webStack(), middleware.auth(), middleware.operator()])
