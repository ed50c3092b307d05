/*
|--------------------------------------------------------------------------
| Staff portal (members of a tenant, acting for the current tenant)
|--------------------------------------------------------------------------
*/
import router from '@adonisjs/core/services/router'
import { middleware, webStack } from '#start/kernel'
import { routeParams } from '#platform/http/route_params'

const DashboardController = () => import('#tenancy/controllers/staff/dashboard_controller')
const MembersController = () => import('#tenancy/controllers/staff/members_controller')
const InvitationsController = () => import('#tenancy/controllers/staff/invitations_controller')
const AuditController = () => import('#tenancy/controllers/staff/audit_controller')
const TenantSwitchController = () => import('#tenancy/controllers/staff/tenant_switch_controller')

router
  .group(() => {
    router.get('/', [DashboardController, 'show']).as('staff.dashboard')
    router.get('/users', [MembersController, 'index']).as('staff.users.index')
    router.post('/invitations', [InvitationsController, 'store']).as('staff.invitations.store')
    router
      .put('/memberships/:id', [MembersController, 'update'])
      .where('id', routeParams.int4Id)
      .as('staff.memberships.update')
    router
      .delete('/memberships/:id', [MembersController, 'destroy'])
      .where('id', routeParams.int4Id)
      .as('staff.memberships.destroy')
    router.get('/audit', [AuditController, 'index']).as('staff.audit.index')
    router.post('/tenant', [TenantSwitchController, 'update']).as('staff.tenant.switch')
  })
  .prefix('/staff')
  .use([...webStack(), middleware.auth(), middleware.tenant()])
