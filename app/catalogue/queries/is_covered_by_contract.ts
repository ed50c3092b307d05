import db from '@adonisjs/lucid/services/db'
import type BenefitVersion from '#catalogue/models/benefit_version'

/**
 * Whether a benefit version may apply to a provider's service on a date:
 * a live accepted contract between the grantor and the provider covers both
 * the benefit and the service. A grantor applying its own benefit on its
 * own services (a merchant's offer in its own shops) needs no contract.
 */
export async function isCoveredByContract(
  version: Pick<BenefitVersion, 'tenantId' | 'benefitId'>,
  service: { id: number; tenantId: number },
  provider: { id: number },
  date: string
) {
  if (service.tenantId !== provider.id) return false
  if (provider.id === version.tenantId) return true
  const row = await db
    .from('contracts')
    .where('contracts.tenant_id', version.tenantId)
    .where('contracts.provider_tenant_id', provider.id)
    .where('contracts.status', 'accepted')
    .where('contracts.valid_from', '<=', date)
    .where((q) => q.whereNull('contracts.valid_to').orWhere('contracts.valid_to', '>=', date))
    .whereExists((q) =>
      q
        .from('contract_benefits')
        .whereColumn('contract_benefits.contract_id', 'contracts.id')
        .where('contract_benefits.benefit_id', version.benefitId)
    )
    .whereExists((q) =>
      q
        .from('contract_services')
        .whereColumn('contract_services.contract_id', 'contracts.id')
        .where('contract_services.service_id', service.id)
    )
    .select('contracts.id')
    .first()
  return Boolean(row)
}
