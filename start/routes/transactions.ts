/*
|--------------------------------------------------------------------------
| Transactions: providers' systems send the usage they recorded
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { openApi } from '#platform/api/openapi/registry'
import { transactionsOpenApi } from '#transactions/controllers/transactions_openapi'

const ApiController = () => import('#transactions/controllers/api_transactions_controller')

openApi.add('transactions', transactionsOpenApi)

router
  .post('/api/v1/transactions', [ApiController, 'store'])
  .as('api.transactions.store')
  .use(middleware.apiAuth({ scopes: ['transactions:write'] }))
