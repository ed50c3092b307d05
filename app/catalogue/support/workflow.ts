import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { recordAudit } from '#platform/audit/record_audit'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import type { Actor } from '#catalogue/actor'

/** The tenant's version, locked for the rest of the transaction (404 for any other tenant's). */
export async function lockVersion(
  tenantId: number,
  versionId: number,
  trx: TransactionClientContract
) {
  const version = await BenefitVersion.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('id', versionId)
    .forUpdate()
    .firstOrFail()
  const benefit = await Benefit.query({ client: trx })
    .where('tenant_id', tenantId)
    .where('id', version.benefitId)
    .firstOrFail()
  return { version, benefit }
}

export async function auditVersionStep(
  action: string,
  version: BenefitVersion,
  benefit: Benefit,
  actor: Actor,
  trx: TransactionClientContract,
  metadata: Record<string, unknown> = {}
) {
  await recordAudit({
    action: `catalogue.version.${action}`,
    tenantId: version.tenantId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    subjectType: 'benefit_version',
    subjectId: version.id,
    metadata: { code: benefit.code, version: version.version, ...metadata },
    ctx: actor.ctx,
    trx,
  })
}
