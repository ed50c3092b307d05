import Benefit from '#catalogue/models/benefit'

/** The tenant's benefits with their versions (oldest first), by code. */
export async function listBenefits(tenantId: number) {
  return Benefit.query()
    .where('tenant_id', tenantId)
    .preload('versions', (query) => query.orderBy('version'))
    .orderBy('code')
}
