import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'

/** One of the tenant's benefits (by id or code) with versions and their scenarios; 404 otherwise. */
export async function getBenefit(tenantId: number, idOrCode: number | string) {
  const query = Benefit.query()
    .where('tenant_id', tenantId)
    .preload('versions', (versions) =>
      versions.orderBy('version').preload('scenarios', (s) => s.orderBy('position'))
    )
  if (typeof idOrCode === 'number') query.where('id', idOrCode)
  else query.where('code', idOrCode)
  return query.firstOrFail()
}

/** One of the tenant's versions with its benefit and scenarios; 404 otherwise. */
export async function getBenefitVersion(tenantId: number, versionId: number) {
  return BenefitVersion.query()
    .where('tenant_id', tenantId)
    .where('id', versionId)
    .preload('benefit')
    .preload('scenarios', (s) => s.orderBy('position'))
    .firstOrFail()
}

/** The version in force on a date: published, effective on that day. */
export function versionInForce(versions: BenefitVersion[], date: string) {
  return versions.find(
    (v) =>
      v.status === 'published' &&
      v.effectiveFrom <= date &&
      (v.effectiveTo === null || v.effectiveTo >= date)
  )
}
