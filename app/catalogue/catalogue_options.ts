/** Fixed vocabularies of the benefit catalogue. */
export const CORE_SECTORS = [
  'transport',
  'education',
  'welfare',
  'health',
  'culture',
  'loyalty',
] as const

export const BENEFIT_FORMS = ['percent', 'fixed_price', 'amount_off', 'free'] as const
export type BenefitForm = (typeof BENEFIT_FORMS)[number]

export const VERSION_STATUSES = [
  'draft',
  'in_review',
  'published',
  'suspended',
  'archived',
] as const
export type VersionStatus = (typeof VERSION_STATUSES)[number]

export const VISIBILITIES = ['public', 'internal'] as const
export type Visibility = (typeof VISIBILITIES)[number]

/** exclusive: one benefit per purchase (the default); combinable: may stack with others. */
export const COMBINATION_POLICIES = ['exclusive', 'combinable'] as const
export type CombinationPolicy = (typeof COMBINATION_POLICIES)[number]

export const BUDGET_PERIODS = ['month', 'year'] as const
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number]

export const GROUP_KINDS = ['rule', 'list'] as const
export type GroupKind = (typeof GROUP_KINDS)[number]

export const CONTRACT_STATUSES = ['proposed', 'accepted', 'rejected', 'ended'] as const
export type ContractStatus = (typeof CONTRACT_STATUSES)[number]

export const COMPENSATION_METHODS = ['full_difference', 'flat_per_use', 'share_of_price'] as const
export type CompensationMethod = (typeof COMPENSATION_METHODS)[number]

/** Tenant kinds that grant benefits, and those that apply them. */
export const GRANTOR_KINDS = ['state_grantor', 'municipality', 'merchant'] as const
export const PROVIDER_KINDS = ['service_provider', 'merchant'] as const

export interface TimeWindow {
  from: string
  to: string
}

export interface LegalBasis {
  act: string | null
  point: string | null
  url: string | null
}
