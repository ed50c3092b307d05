import Contract from '#catalogue/models/contract'
import Tenant from '#tenancy/models/tenant'
import { PROVIDER_KINDS } from '#catalogue/catalogue_options'

/**
 * The contracts a tenant is party to: those it proposed as a grantor and
 * those proposed to it as a provider. Nobody else's.
 */
export async function listContracts(tenantId: number) {
  return {
    asGrantor: await Contract.query()
      .where('tenant_id', tenantId)
      .preload('grantor')
      .preload('provider')
      .preload('benefits')
      .preload('services')
      .orderBy('id', 'desc'),
    asProvider: await Contract.query()
      .where('provider_tenant_id', tenantId)
      .preload('grantor')
      .preload('provider')
      .preload('benefits')
      .preload('services')
      .orderBy('id', 'desc'),
  }
}

/** Providers a grantor may propose a contract to, with their services. */
export async function listProviders(tenantId: number) {
  return Tenant.query()
    .whereIn('kind', [...PROVIDER_KINDS])
    .where('status', 'active')
    .whereNot('id', tenantId)
    .orderBy('name')
}
