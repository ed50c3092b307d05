/*
| Who may see and change the identification means this tenant issued: the issuer's admins and
| provider operators (the card desk); auditors see them.
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#tenancy/models/user'
import type { TenantContext } from '#platform/access/tenant_context'

export const viewIssuedMeans = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'provider_operator', 'auditor')
)

/** Block, unblock and replace. */
export const manageIssuedMeans = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'provider_operator')
)
