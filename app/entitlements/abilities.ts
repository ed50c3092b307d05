/*
| Who may look at a person's entitlements and their explanations: the grantor's tenant
| admins, benefit managers and auditors (personal data, minimum necessary).
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#tenancy/models/user'
import type { TenantContext } from '#platform/access/tenant_context'

export const viewPersonEntitlements = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager', 'auditor')
)

/** Grant or revoke an entitlement by hand. */
export const decideEntitlements = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager')
)

/** Aggregated what-if counts of a draft (no personal data). */
export const viewWhatIf = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager', 'analyst', 'auditor')
)
