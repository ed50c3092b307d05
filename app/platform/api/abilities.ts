import { Bouncer } from '@adonisjs/bouncer'
import type User from '#tenancy/models/user'
import type { TenantContext } from '#tenancy/tenant_context'

/** Only a tenant's administrators manage its API clients. */
export const manageApiClients = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin')
)
