/*
|--------------------------------------------------------------------------
| Operator portal (platform operators with two-factor only)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'

const TenantsController = () => import('#tenancy/controllers/operator/tenants_controller')
const TenantInvitationsController = () =>
  import('#tenancy/controllers/operator/tenant_invitations_controller')
const TenantPluginsController = () =>
  import('#tenancy/controllers/operator/tenant_plugins_controller')
const AuditController = () => import('#tenancy/controllers/operator/audit_controller')

router
  .group(() => {
    router.get('/', ({ response }) => response.redirect().toRoute('operator.tenants.index'))
    router.get('/tenants', [TenantsController, 'index']).as('operator.tenants.index')
    router.get('/tenants/create', [TenantsController, 'create']).as('operator.tenants.create')
    router.post('/tenants', [TenantsController, 'store']).as('operator.tenants.store')
    router
      .group(() => {
        router.get('/', [TenantsController, 'show']).as('operator.tenants.show')
        router.get('/edit', [TenantsController, 'edit']).as('operator.tenants.edit')
        router.put('/', [TenantsController, 'update']).as('operator.tenants.update')
        router.post('/suspend', [TenantsController, 'suspend']).as('operator.tenants.suspend')
        router
          .post('/reactivate', [TenantsController, 'reactivate'])
          .as('operator.tenants.reactivate')
        router
          .post('/invitations', [TenantInvitationsController, 'store'])
          .as('operator.invitations.store')
        router.post('/plugins', [TenantPluginsController, 'update']).as('operator.plugins.update')
      })
      .prefix('/tenants/:id')
      .where('id', routeParams.int4Id)
    router.get('/audit', [AuditController, 'index']).as('operator.audit.index')
    router.post('/audit/verify', [AuditController, 'verify']).as('operator.audit.verify')
  })
  .prefix('/operator')
  .use([...webStack(), middleware.auth(), middleware.operator()])
