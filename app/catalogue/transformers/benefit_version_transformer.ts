import { BaseTransformer } from '@adonisjs/core/transformers'
import type BenefitVersion from '#catalogue/models/benefit_version'

/** Everything about one version, as the form and the detail page show it. */
export default class BenefitVersionTransformer extends BaseTransformer<BenefitVersion> {
  toObject() {
    const v = this.resource
    return {
      ...this.pick(v, [
        'id',
        'benefitId',
        'version',
        'status',
        'effectiveFrom',
        'effectiveTo',
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
        'scenarioResults',
        'scenariosPassed',
        'authorId',
        'authorLabel',
        'submittedBy',
        'publishedBy',
        'publishedByLabel',
      ]),
      // What the form's text, number, checkbox, select and date inputs of plugin fields hold.
      extra: v.extra as Record<string, string | number | boolean | null>,
      submittedAt: v.submittedAt?.toISO() ?? null,
      publishedAt: v.publishedAt?.toISO() ?? null,
      scenarios: (v.scenarios ?? []).map((s) => ({
        name: s.name,
        date: s.date,
        persons: s.persons.map((person) => ({
          ...person,
          groups: person.groups ?? [],
          identifiers: person.identifiers ?? [],
        })),
      })),
    }
  }
}
