import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import { auditVersionStep, lockVersion } from '#catalogue/support/workflow'
import type { Actor } from '#catalogue/actor'

/** Sends a draft for review (draft → in_review); its rule must still check. */
export default class SubmitBenefitVersion {
  async handle(input: { tenantId: number; versionId: number; actor: Actor }) {
    const env = await ruleEnvironment(input.tenantId)
    return db.transaction(async (trx) => {
      const { version, benefit } = await lockVersion(input.tenantId, input.versionId, trx)
      if (version.status !== 'draft') throw new CatalogueWorkflowError('not_draft')
      const check = await ruleChecker.check(version.rule, env)
      if (!check.ok) throw new CatalogueWorkflowError('invalid_rule', 'rule')

      version.merge({
        status: 'in_review',
        submittedBy: input.actor.userId,
        submittedAt: DateTime.utc(),
      })
      await version.save()
      await auditVersionStep('submitted', version, benefit, input.actor, trx)
      return { benefit, version }
    })
  }
}
