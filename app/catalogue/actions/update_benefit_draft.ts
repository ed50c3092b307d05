import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import { CatalogueValidationError, CatalogueWorkflowError } from '#catalogue/errors'
import { checkBenefitDraft } from '#catalogue/rules/check_benefit_draft'
import {
  replaceScenarios,
  runVersionScenarios,
  scenarioInputs,
  versionAttributes,
} from '#catalogue/support/version_content'
import type { BenefitDraftData } from '#catalogue/validators/benefit'
import type { Actor } from '#catalogue/actor'
import type { ContextTenant } from '#platform/access/tenant_context'

/** Saves changes to a draft version (and the benefit's sector and visibility); reruns scenarios. */
export default class UpdateBenefitDraft {
  async handle(input: {
    tenant: ContextTenant
    versionId: number
    data: BenefitDraftData
    actor: Actor
  }) {
    const { tenant, data, actor } = input
    // 404 for another tenant's version before anything else is said about it.
    await BenefitVersion.query()
      .where('tenant_id', tenant.id)
      .where('id', input.versionId)
      .firstOrFail()
    const { errors, references } = await checkBenefitDraft(tenant, data)
    if (errors.length) throw new CatalogueValidationError(errors)
    const scenarios = scenarioInputs(data.scenarios)

    return db.transaction(async (trx) => {
      const version = await BenefitVersion.query({ client: trx })
        .where('tenant_id', tenant.id)
        .where('id', input.versionId)
        .forUpdate()
        .firstOrFail()
      if (version.status !== 'draft') throw new CatalogueWorkflowError('not_draft')
      const benefit = await Benefit.query({ client: trx })
        .where('tenant_id', tenant.id)
        .where('id', version.benefitId)
        .firstOrFail()
      benefit.merge({ sector: data.sector, visibility: data.visibility })
      await benefit.save()

      version.merge(versionAttributes(data, references))
      await runVersionScenarios(version, scenarios)
      await version.save()
      await replaceScenarios(version, scenarios, trx)
      await recordAudit({
        action: 'catalogue.version.updated',
        tenantId: tenant.id,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        subjectType: 'benefit_version',
        subjectId: version.id,
        metadata: { code: benefit.code, version: version.version },
        ctx: actor.ctx,
        trx,
      })
      return { benefit, version }
    })
  }
}
