import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import BenefitVersion from '#catalogue/models/benefit_version'
import RuleScenario from '#catalogue/models/rule_scenario'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import { addDays } from '#platform/calendar/calendar_dates'
import { runVersionScenarios, scenarioInputs } from '#catalogue/support/version_content'
import { auditVersionStep, lockVersion } from '#catalogue/support/workflow'
import { sameActor, type Actor } from '#catalogue/actor'

/**
 * Publishes a version in review (in_review → published). Four eyes: the
 * author may not publish. The rule must check and every scenario must pass
 * (rerun now). The version in force before it ends the day before the new
 * one starts and is otherwise left as it was.
 */
export default class PublishBenefitVersion {
  async handle(input: { tenantId: number; versionId: number; actor: Actor }) {
    const { actor } = input
    const env = await ruleEnvironment(input.tenantId)
    const outcome = await db.transaction(async (trx) => {
      const { version, benefit } = await lockVersion(input.tenantId, input.versionId, trx)
      if (version.status !== 'in_review') throw new CatalogueWorkflowError('not_in_review')
      if (sameActor({ userId: version.authorId, label: version.authorLabel }, actor)) {
        throw new CatalogueWorkflowError('four_eyes')
      }
      const check = await ruleChecker.check(version.rule, env)
      if (!check.ok) throw new CatalogueWorkflowError('invalid_rule', 'rule')

      const scenarios = scenarioInputs(
        await RuleScenario.query({ client: trx })
          .where('version_id', version.id)
          .orderBy('position')
      )
      if (scenarios.length === 0) throw new CatalogueWorkflowError('no_scenarios', 'scenarios')
      const run = await runVersionScenarios(version, scenarios)
      if (!run.passed) {
        // Keep the fresh results so the form shows why; refuse after the commit.
        await version.save()
        await auditVersionStep('publish_refused', version, benefit, actor, trx, {
          reason: 'scenarios_failed',
        })
        return { refused: true as const }
      }

      const earlier = await BenefitVersion.query({ client: trx })
        .where('benefit_id', benefit.id)
        .whereIn('status', ['published', 'suspended'])
        .whereNot('id', version.id)
        .forUpdate()
      if (earlier.some((other) => other.effectiveFrom >= version.effectiveFrom)) {
        throw new CatalogueWorkflowError('effective_date_not_later', 'effectiveFrom')
      }
      const ended: number[] = []
      for (const other of earlier) {
        if (other.effectiveTo === null || other.effectiveTo >= version.effectiveFrom) {
          other.effectiveTo = addDays(version.effectiveFrom, -1)
          await other.save()
          ended.push(other.id)
        }
      }

      version.merge({
        status: 'published',
        publishedBy: actor.userId,
        publishedByLabel: actor.label,
        publishedAt: DateTime.utc(),
      })
      await version.save()
      await auditVersionStep('published', version, benefit, actor, trx, { ended })
      return { refused: false as const, benefit, version }
    })
    if (outcome.refused) throw new CatalogueWorkflowError('scenarios_failed', 'scenarios')
    return { benefit: outcome.benefit, version: outcome.version }
  }
}
