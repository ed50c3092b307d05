import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type BenefitVersion from '#catalogue/models/benefit_version'
import RuleScenario from '#catalogue/models/rule_scenario'
import { ruleChecker, type ScenarioInput } from '#catalogue/rules/rule_checker'
import type { BenefitDraftData } from '#catalogue/validators/benefit'

/** The version columns a draft's data sets. */
export function versionAttributes(data: BenefitDraftData, references: unknown) {
  return {
    effectiveFrom: data.effectiveFrom,
    nameLv: data.nameLv,
    nameEn: data.nameEn,
    descriptionLv: data.descriptionLv,
    descriptionEn: data.descriptionEn,
    legalAct: data.legalAct ?? null,
    legalPoint: data.legalPoint ?? null,
    legalUrl: data.legalUrl ?? null,
    programmeTerms: data.programmeTerms ?? null,
    form: data.form,
    value: data.form === 'free' ? null : (data.value ?? null),
    serviceCodes: data.serviceCodes ?? [],
    municipalities: data.municipalities ?? [],
    weekdays: [...new Set(data.weekdays ?? [])].sort(),
    timeWindows: data.timeWindows ?? [],
    specificDates: data.specificDates ?? [],
    limitPerDay: data.limitPerDay ?? null,
    limitPerMonth: data.limitPerMonth ?? null,
    priority: data.priority,
    combinationPolicy: data.combinationPolicy,
    budgetCents: data.budgetCents ?? null,
    budgetPeriod:
      data.budgetCents === null || data.budgetCents === undefined
        ? null
        : (data.budgetPeriod ?? null),
    rule: data.rule,
    ruleReferences: (references ?? {}) as Record<string, unknown>,
    extra: data.extra ?? {},
  }
}

export function scenarioInputs(scenarios: RuleScenario[] | BenefitDraftData['scenarios']) {
  return (scenarios ?? []).map((scenario): ScenarioInput => ({
    name: scenario.name,
    date: scenario.date,
    persons: scenario.persons.map((person) => ({
      name: person.name,
      birthDate: person.birthDate,
      facts: person.facts.map((fact) => ({ ...fact, to: fact.to ?? null })),
      groups: (person.groups ?? []).map((group) => ({ ...group, to: group.to ?? null })),
      identifiers: (person.identifiers ?? []).map((id) => ({ ...id, to: id.to ?? null })),
      expected: person.expected,
    })),
  }))
}

/** Replaces a draft's scenarios. */
export async function replaceScenarios(
  version: BenefitVersion,
  scenarios: ScenarioInput[],
  trx: TransactionClientContract
) {
  await RuleScenario.query({ client: trx }).where('version_id', version.id).delete()
  for (const [position, scenario] of scenarios.entries()) {
    await RuleScenario.create(
      { tenantId: version.tenantId, versionId: version.id, position, ...scenario },
      { client: trx }
    )
  }
}

/** Runs the version's scenarios against its rule and keeps the results on the version. */
export async function runVersionScenarios(version: BenefitVersion, scenarios: ScenarioInput[]) {
  const run = await ruleChecker.run(
    version.rule,
    scenarios,
    await ruleEnvironment(version.tenantId, version.$trx)
  )
  version.scenarioResults = run.results
  version.scenariosPassed = scenarios.length === 0 ? null : run.passed
  return run
}
