/*
|--------------------------------------------------------------------------
| Offline lists for providers' validators (app/decisions/offline_lists)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { openApi } from '#platform/api/openapi/registry'
import { offlineListOpenApi } from '#decisions/offline_lists/offline_list_openapi'

const OfflineListController = () => import('#decisions/offline_lists/offline_list_controller')

openApi.add('offline_lists', offlineListOpenApi)

router
  .group(() => {
    router.get('/', [OfflineListController, 'show']).as('api.offline_list.show')
    router.get('/hash-key', [OfflineListController, 'hashKey']).as('api.offline_list.hash_key')
  })
  .prefix('/api/v1/offline-list')
  .use(middleware.apiAuth({ scopes: ['offline-list:read'] }))

// Public keys are public: anyone holding a list may check it.
router.get('/api/v1/offline-list/keys', [OfflineListController, 'keys']).as('api.offline_list.keys')
