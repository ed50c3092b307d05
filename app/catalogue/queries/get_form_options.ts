import db from '@adonisjs/lucid/services/db'
import { registries } from '#platform/plugins/registry'
import { enabledBenefitFields } from '#catalogue/queries/enabled_benefit_fields'
import {
  BENEFIT_FORMS,
  BUDGET_PERIODS,
  COMBINATION_POLICIES,
  VISIBILITIES,
} from '#catalogue/catalogue_options'
import { availableSectors } from '#catalogue/sectors'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'

/**
 * The choices of the unified benefit form in the user's language: the
 * attribute catalogue (labels, types, allowed values) for the guided rule
 * builder, the tenant's groups, services it may target, plugin fields.
 */
export async function getFormOptions(tenantId: number, locale: string) {
  const extraFields = await enabledBenefitFields(tenantId)
  const lang = locale === 'en' ? 'en' : 'lv'
  const groups = await db
    .from('person_groups')
    .where('tenant_id', tenantId)
    .orderBy('key')
    .select('key', 'name_lv', 'name_en')
  // Its own services and those of providers it has a (proposed or accepted) contract with.
  const services = await db
    .from('services')
    .where('tenant_id', tenantId)
    .orWhereIn('tenant_id', (q) =>
      q
        .from('contracts')
        .where('tenant_id', tenantId)
        .whereIn('status', ['proposed', 'accepted'])
        .select('provider_tenant_id')
    )
    .orderBy('code')
    .select('code', 'name_lv', 'name_en')
  const uniqueServices = [...new Map(services.map((s) => [s.code, s])).values()]
  return {
    sectors: availableSectors(),
    forms: [...BENEFIT_FORMS],
    visibilities: [...VISIBILITIES],
    combinationPolicies: [...COMBINATION_POLICIES],
    budgetPeriods: [...BUDGET_PERIODS],
    identifierTypes: [...IDENTIFIER_TYPES],
    attributes: registries.attributes.all().map((attribute) => ({
      key: attribute.key,
      type: attribute.type,
      label: attribute.labels[lang],
      values: (attribute.values ?? []).map((value) => ({
        value,
        label: attribute.valueLabels?.[value]?.[lang] ?? value,
      })),
      min: attribute.min ?? null,
      max: attribute.max ?? null,
    })),
    groups: groups.map((g) => ({
      key: g.key as string,
      name: (lang === 'en' ? g.name_en : g.name_lv) as string,
    })),
    services: uniqueServices.map((s) => ({
      code: s.code as string,
      name: (lang === 'en' ? s.name_en : s.name_lv) as string,
    })),
    extraFields: extraFields.map((field) => ({
      key: field.key,
      label: field.label,
      input: field.input,
      options: [...(field.options ?? [])],
    })),
  }
}

/** The choices as the benefit form page receives them. */
export type BenefitFormOptions = Awaited<ReturnType<typeof getFormOptions>>
