import db from '@adonisjs/lucid/services/db'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import RuleScenario from '#catalogue/models/rule_scenario'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { auditVersionStep } from '#catalogue/support/workflow'
import {
  replaceScenarios,
  runVersionScenarios,
  scenarioInputs,
} from '#catalogue/support/version_content'
import type { Actor } from '#catalogue/actor'

const COPIED = [
  'nameLv',
  'nameEn',
  'descriptionLv',
  'descriptionEn',
  'legalAct',
  'legalPoint',
  'legalUrl',
  'programmeTerms',
  'form',
  'value',
  'serviceCodes',
  'municipalities',
  'weekdays',
  'timeWindows',
  'specificDates',
  'limitPerDay',
  'limitPerMonth',
  'priority',
  'combinationPolicy',
  'budgetCents',
  'budgetPeriod',
  'rule',
  'ruleReferences',
  'extra',
] as const

/**
 * Starts the next version of a benefit as a draft copied from the latest
 * one, with a later effective date. Only one open draft per benefit.
 */
export default class CreateBenefitVersion {
  async handle(input: {
    tenantId: number
    benefitId: number
    effectiveFrom: string
    actor: Actor
  }) {
    const { actor } = input
    return db.transaction(async (trx) => {
      const benefit = await Benefit.query({ client: trx })
        .where('tenant_id', input.tenantId)
        .where('id', input.benefitId)
        .forUpdate()
        .firstOrFail()
      const versions = await BenefitVersion.query({ client: trx })
        .where('benefit_id', benefit.id)
        .orderBy('version', 'desc')
      if (versions.some((v) => v.status === 'draft' || v.status === 'in_review')) {
        throw new CatalogueWorkflowError('open_draft_exists')
      }
      const latest = versions[0]
      if (!isCalendarDate(input.effectiveFrom)) {
        throw new CatalogueWorkflowError('date', 'effectiveFrom')
      }
      const lastStart = versions
        .filter((v) => v.status !== 'archived')
        .reduce((max, v) => (v.effectiveFrom > max ? v.effectiveFrom : max), '')
      if (input.effectiveFrom <= lastStart) {
        throw new CatalogueWorkflowError('effective_date_not_later', 'effectiveFrom')
      }

      const version = new BenefitVersion().useTransaction(trx)
      for (const key of COPIED) (version as any)[key] = latest[key]
      version.merge({
        tenantId: benefit.tenantId,
        benefitId: benefit.id,
        version: latest.version + 1,
        status: 'draft',
        effectiveFrom: input.effectiveFrom,
        effectiveTo: null,
        authorId: actor.userId,
        authorLabel: actor.label,
      })
      const previous = await RuleScenario.query({ client: trx })
        .where('version_id', latest.id)
        .orderBy('position')
      const scenarios = scenarioInputs(previous)
      await runVersionScenarios(version, scenarios)
      await version.save()
      await replaceScenarios(version, scenarios, trx)
      await auditVersionStep('created', version, benefit, actor, trx, { from: latest.id })
      return { benefit, version }
    })
  }
}
