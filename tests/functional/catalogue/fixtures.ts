import { ruleChecker, type ScenarioInput } from '#catalogue/rules/rule_checker'
import CreateBenefit from '#catalogue/actions/create_benefit'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import PublishBenefitVersion from '#catalogue/actions/publish_benefit_version'
import type { BenefitDraftData } from '#catalogue/validators/benefit'
import type Tenant from '#tenancy/models/tenant'
import type User from '#tenancy/models/user'

export const JSON_HEADERS = { Accept: 'application/json' }

/** A complete, valid draft (JSON as the form sends it). */
export function draft(overrides: Partial<BenefitDraftData> = {}): BenefitDraftData {
  return {
    sector: 'transport',
    visibility: 'public',
    effectiveFrom: '2026-01-01',
    nameLv: 'Seniori brauc bez maksas',
    nameEn: 'Seniors travel free',
    descriptionLv: 'Seniori no 65 gadiem brauc bez maksas.',
    descriptionEn: 'Seniors aged 65 or more travel free.',
    legalAct: 'Saistošie noteikumi Nr. 1',
    legalPoint: '3.',
    legalUrl: 'https://likumi.lv/ta/id/1',
    programmeTerms: null,
    form: 'free',
    value: null,
    serviceCodes: [],
    municipalities: ['Rīga'],
    weekdays: [],
    timeWindows: [],
    specificDates: [],
    limitPerDay: null,
    limitPerMonth: null,
    priority: 100,
    combinationPolicy: 'exclusive',
    budgetCents: null,
    budgetPeriod: null,
    rule: 'age >= 65',
    extra: {},
    scenarios: [
      {
        name: 'A senior',
        date: '2026-03-01',
        persons: [{ name: 'Old', birthDate: '1950-01-01', facts: [], expected: true }],
      },
      {
        name: 'A young adult',
        date: '2026-03-01',
        persons: [{ name: 'Young', birthDate: '2000-01-01', facts: [], expected: false }],
      },
    ],
    ...overrides,
  }
}

function ageOn(birthDate: string, date: string) {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [y, m, d] = date.split('-').map(Number)
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/**
 * A stand-in engine for tests that evaluates only `age >= N`, enough to
 * tell a passing scenario from a failing one without the real engine.
 */
export function useAgeEngine() {
  ruleChecker.swap({
    run(source: string, scenarios: ScenarioInput[]) {
      const match = /^\s*age\s*>=\s*(\d+)\s*$/.exec(source)
      const results = scenarios.flatMap((scenario) =>
        scenario.persons.map((person) => {
          const actual = match ? ageOn(person.birthDate, scenario.date) >= Number(match[1]) : null
          return {
            scenario: scenario.name,
            person: person.name,
            expected: person.expected,
            actual,
            passed: actual === person.expected,
          }
        })
      )
      return { passed: results.every((r) => r.passed), results }
    },
  })
}

export function restoreEngine() {
  ruleChecker.restore()
}

/** A benefit published by a colleague of its author. */
export async function publishedBenefit(
  tenant: Tenant,
  author: User,
  publisher: User,
  code: string,
  data = draft()
) {
  const { benefit, version } = await new CreateBenefit().handle({
    tenant,
    code,
    data,
    actor: { userId: author.id, label: author.email },
  })
  await new SubmitBenefitVersion().handle({
    tenantId: tenant.id,
    versionId: version.id,
    actor: { userId: author.id, label: author.email },
  })
  await new PublishBenefitVersion().handle({
    tenantId: tenant.id,
    versionId: version.id,
    actor: { userId: publisher.id, label: publisher.email },
  })
  await version.refresh()
  return { benefit, version }
}
