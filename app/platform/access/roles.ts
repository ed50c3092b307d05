export const TENANT_KINDS = [
  'state_grantor',
  'municipality',
  'merchant',
  'service_provider',
  'platform_operator',
] as const
export type TenantKind = (typeof TENANT_KINDS)[number]

export const ROLES = [
  'tenant_admin',
  'benefit_manager',
  'analyst',
  'provider_operator',
  'auditor',
] as const
export type Role = (typeof ROLES)[number]

export const TENANT_STATUSES = ['active', 'suspended'] as const
export type TenantStatus = (typeof TENANT_STATUSES)[number]
