import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import { CatalogueValidationError } from '#catalogue/errors'
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

/** A new benefit of the tenant with its first version as a draft; scenarios run on save. */
export default class CreateBenefit {
  async handle(input: {
    tenant: ContextTenant
    code: string
    data: BenefitDraftData
    actor: Actor
  }) {
    const { tenant, data, actor } = input
    const { errors, references } = await checkBenefitDraft(tenant, data)
    if (errors.length) throw new CatalogueValidationError(errors)
    const scenarios = scenarioInputs(data.scenarios)

    return db.transaction(async (trx) => {
      const benefit = await Benefit.create(
        { tenantId: tenant.id, code: input.code, sector: data.sector, visibility: data.visibility },
        { client: trx }
      )
      const version = new BenefitVersion().useTransaction(trx)
      version.merge({
        tenantId: tenant.id,
        benefitId: benefit.id,
        version: 1,
        status: 'draft',
        effectiveTo: null,
        authorId: actor.userId,
        authorLabel: actor.label,
        ...versionAttributes(data, references),
      })
      await runVersionScenarios(version, scenarios)
      await version.save()
      await replaceScenarios(version, scenarios, trx)
      await recordAudit({
        action: 'catalogue.benefit.created',
        tenantId: tenant.id,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        subjectType: 'benefit',
        subjectId: benefit.id,
        metadata: { code: benefit.code, versionId: version.id },
        ctx: actor.ctx,
        trx,
      })
      return { benefit, version }
    })
  }
}
