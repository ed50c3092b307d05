import vine from '@vinejs/vine'
import { enabledBenefitFields } from '#catalogue/queries/enabled_benefit_fields'
import { attributeValueError } from '#platform/plugins/attribute_values'
import { availableSectors } from '#catalogue/sectors'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { ruleChecker, type RuleEnvironment } from '#catalogue/rules/rule_checker'
import { ruleEnvironment } from '#catalogue/rules/rule_environment'
import type { CatalogueFieldError } from '#catalogue/errors'
import type { BenefitDraftData } from '#catalogue/validators/benefit'
import type { TenantKind } from '#platform/access/roles'

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function checkValue(data: BenefitDraftData, errors: CatalogueFieldError[]) {
  const value = data.value ?? null
  if (data.form === 'percent' && (value === null || value < 1 || value > 100)) {
    errors.push({ field: 'value', key: 'value_percent' })
  }
  if ((data.form === 'fixed_price' || data.form === 'amount_off') && value === null) {
    errors.push({ field: 'value', key: 'value_cents' })
  }
  if (data.form === 'amount_off' && value === 0) {
    errors.push({ field: 'value', key: 'value_cents' })
  }
}

async function checkExtra(
  tenantId: number,
  extra: Record<string, unknown>,
  errors: CatalogueFieldError[]
) {
  const enabled = await enabledBenefitFields(tenantId)
  const fields = new Map(enabled.map((f) => [f.key, f]))
  for (const [key, value] of Object.entries(extra)) {
    const field = fields.get(key)
    if (!field) {
      errors.push({ field: `extra.${key}`, key: 'unknown_extra', values: { key } })
      continue
    }
    try {
      await vine.validate({ schema: vine.object({ value: field.schema as any }), data: { value } })
    } catch {
      errors.push({ field: `extra.${key}`, key: 'invalid_extra', values: { key } })
    }
  }
}

function checkScenarios(
  scenarios: NonNullable<BenefitDraftData['scenarios']>,
  env: RuleEnvironment,
  errors: CatalogueFieldError[]
) {
  scenarios.forEach((scenario, s) => {
    if (!isCalendarDate(scenario.date)) errors.push({ field: `scenarios.${s}.date`, key: 'date' })
    scenario.persons.forEach((person, p) => {
      const at = `scenarios.${s}.persons.${p}`
      if (!isCalendarDate(person.birthDate)) errors.push({ field: `${at}.birthDate`, key: 'date' })
      person.facts.forEach((fact, f) => {
        const attribute = env.attributes.find((a) => a.key === fact.attribute)
        if (!attribute) {
          errors.push({
            field: `${at}.facts.${f}.attribute`,
            key: 'unknown_attribute',
            values: { attribute: fact.attribute },
          })
        } else if (attributeValueError(attribute, fact.value)) {
          errors.push({
            field: `${at}.facts.${f}.value`,
            key: 'invalid_fact_value',
            values: { attribute: fact.attribute, value: fact.value },
          })
        }
        if (!isCalendarDate(fact.from) || (fact.to && !isCalendarDate(fact.to))) {
          errors.push({ field: `${at}.facts.${f}.from`, key: 'date' })
        }
      })
      person.groups?.forEach((group, g) => {
        if (!env.groups.includes(group.key)) {
          errors.push({
            field: `${at}.groups.${g}.key`,
            key: 'unknown_group',
            values: { group: group.key },
          })
        }
      })
      person.identifiers?.forEach((identifier, i) => {
        if (!env.identifierTypes.includes(identifier.type)) {
          errors.push({
            field: `${at}.identifiers.${i}.type`,
            key: 'unknown_identifier_type',
            values: { type: identifier.type },
          })
        }
      })
    })
  })
}

/**
 * Everything about a draft that the schema alone cannot tell: the sector
 * exists, legal basis (or a merchant's programme terms), value fits the form,
 * calendar and budget make sense, plugin fields validate, scenario facts use
 * known attributes, and the rule passes the rule-language checker.
 */
export async function checkBenefitDraft(
  tenant: { id: number; kind: TenantKind },
  data: BenefitDraftData
) {
  const errors: CatalogueFieldError[] = []
  if (!availableSectors().includes(data.sector)) errors.push({ field: 'sector', key: 'sector' })
  if (tenant.kind === 'merchant') {
    if (!data.programmeTerms && !data.legalAct) {
      errors.push({ field: 'programmeTerms', key: 'programme_terms_required' })
    }
  } else if (!data.legalAct) {
    errors.push({ field: 'legalAct', key: 'legal_act_required' })
  }
  if (!isCalendarDate(data.effectiveFrom)) errors.push({ field: 'effectiveFrom', key: 'date' })
  checkValue(data, errors)
  if ((data.budgetCents ?? null) !== null && !data.budgetPeriod) {
    errors.push({ field: 'budgetPeriod', key: 'budget_period_required' })
  }
  data.timeWindows?.forEach((window, i) => {
    if (window.from >= window.to) errors.push({ field: `timeWindows.${i}`, key: 'time_window' })
  })
  data.specificDates?.forEach((day, i) => {
    const [month, date] = day.split('-').map(Number)
    if (date > DAYS_IN_MONTH[month - 1]) errors.push({ field: `specificDates.${i}`, key: 'date' })
  })
  await checkExtra(tenant.id, data.extra ?? {}, errors)

  const env = await ruleEnvironment(tenant.id)
  checkScenarios(data.scenarios ?? [], env, errors)
  const check = await ruleChecker.check(data.rule, env)
  if (!check.ok) {
    for (const error of check.errors) {
      errors.push({
        field: 'rule',
        message: error.message,
        line: error.line,
        column: error.column,
      })
    }
  }
  return { errors, references: check.ok ? check.references : null }
}
