/*
|--------------------------------------------------------------------------
| Abilities of staff inside a tenant
|--------------------------------------------------------------------------
|
| Each takes the request's TenantContext: what a user may do depends on
| their role in the tenant they are acting for, never on another tenant.
|
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#tenancy/models/user'
import type { TenantContext } from '#platform/access/tenant_context'

export const manageStaff = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin')
)

export const viewStaff = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'auditor')
)

export const viewAuditLog = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'auditor')
)

export const operatePlatform = Bouncer.ability(
  (user: User) => user.isPlatformOperator && user.hasTwoFactor
)

/** Only a tenant's administrators manage its API clients. */
export const manageApiClients = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin')
)
