/*
| Who may do what in the catalogue, by role in the tenant acted for. The
| four-eyes rule (the author never publishes) is enforced by the publish
| action itself, so it holds for the form, the API and the seeder alike.
*/
import { Bouncer } from '@adonisjs/bouncer'
import type User from '#tenancy/models/user'
import type { TenantContext } from '#platform/access/tenant_context'

export const viewCatalogue = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager', 'analyst', 'auditor')
)

/** Edit, submit and publish benefits, manage person groups, propose contracts. */
export const manageBenefits = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager')
)

export const viewServices = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager', 'provider_operator', 'analyst', 'auditor')
)

/** A provider's own services. */
export const manageServices = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'provider_operator')
)

export const viewContracts = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin', 'benefit_manager', 'provider_operator', 'analyst', 'auditor')
)

/** Accepting or rejecting a contract binds the provider: its tenant admin only. */
export const respondToContracts = Bouncer.ability((_user: User, context: TenantContext) =>
  context.hasRole('tenant_admin')
)
