/*
|--------------------------------------------------------------------------
| The cross-tenant sweep's table
|--------------------------------------------------------------------------
|
| Every route whose URL takes a parameter is listed here once, by its
| name (or "METHOD pattern" when it has none): either SWEPT, with how to
| fill its parameters (and body) from a tenant's world, or EXEMPT, with
| the reason. The sweep fails on a route that is in neither list, so a
| new route cannot slip past it.
|
| SWEPT routes may also take ids in the query or the body only
| (`api.entitlements.explain`): they are swept as well, though the route
| list alone would not find them.
|
*/
import type { TenantWorld } from '#tests/support/tenant_world'
import { draft } from '#tests/functional/catalogue/fixtures'

/**
 * Who calls: `staff` is the tenant's admin in a web session (the most privileged tenant role,
 * so a refusal comes from tenancy, not from the role); `api` the tenant's own API client with
 * every scope of its kind; `source` the tenant's data source's API client.
 */
export type Caller = 'staff' | 'api' | 'source'

export interface SweptRoute {
  as: Caller
  /** Parameters naming the world's resources; several sets when one route takes several kinds. */
  params: (world: TenantWorld) => Record<string, string | number>[]
  body?: (world: TenantWorld) => Record<string, unknown>
  query?: (world: TenantWorld) => Record<string, string>
  /**
   * `refuse` (default): the other tenant's ids answer 404 or 403. `hide`: the resource is
   * platform data every tenant may open (a register person), so the answer may be 2xx, but it
   * must show nothing of the other tenant. `operator`: an operator route, cross-tenant by
   * design; a tenant's staff member is refused and an operator (the control) is let through.
   */
  expect?: 'refuse' | 'hide' | 'operator'
}

const versions = (w: TenantWorld) => [{ id: w.draftVersion.id }, { id: w.publishedVersion.id }]
const contracts = (w: TenantWorld) => [
  { id: w.contracts.asProvider.id },
  { id: w.contracts.asGrantor.id },
]
const benefitCode = (w: TenantWorld) => [{ code: w.benefit.code }]

export const SWEPT: Record<string, SweptRoute> = {
  // Staff portal
  'staff.memberships.update': {
    as: 'staff',
    params: (w) => [{ id: w.colleague.membership.id }],
    body: () => ({ role: 'analyst' }),
  },
  'staff.memberships.destroy': { as: 'staff', params: (w) => [{ id: w.colleague.membership.id }] },
  'staff.api_clients.rotate': { as: 'staff', params: (w) => [{ id: w.spareApiClient.id }] },
  'staff.api_clients.revoke': { as: 'staff', params: (w) => [{ id: w.spareApiClient.id }] },

  // Catalogue
  'catalogue.benefits.show': { as: 'staff', params: (w) => [{ id: w.benefit.id }] },
  'catalogue.versions.store': {
    as: 'staff',
    params: (w) => [{ id: w.benefit.id }],
    body: () => ({ effectiveFrom: '2031-01-01' }),
  },
  'catalogue.versions.edit': { as: 'staff', params: versions },
  'catalogue.versions.update': {
    as: 'staff',
    params: versions,
    body: () => ({ ...draftBody(), nameLv: 'Pārrakstīts', nameEn: 'Overwritten' }),
  },
  'catalogue.versions.submit': { as: 'staff', params: versions },
  'catalogue.versions.publish': { as: 'staff', params: versions },
  'catalogue.versions.suspend': { as: 'staff', params: versions },
  'catalogue.versions.archive': { as: 'staff', params: versions },
  'catalogue.versions.return': { as: 'staff', params: versions },
  'catalogue.groups.show': { as: 'staff', params: (w) => [{ id: w.group.id }] },
  'catalogue.groups.upload': {
    as: 'staff',
    params: (w) => [{ id: w.group.id }],
    body: () => ({ csv: 'personal_code,valid_from\n050580-10005,2026-01-01\n' }),
  },
  'catalogue.contracts.accept': { as: 'staff', params: contracts },
  'catalogue.contracts.reject': { as: 'staff', params: contracts },

  // Entitlements (staff)
  'entitlements.person': {
    as: 'staff',
    params: (w) => [{ id: w.person.id }],
    expect: 'hide',
  },
  'entitlements.explain': {
    as: 'staff',
    params: (w) => [{ id: w.person.id, code: w.benefit.code }],
  },
  'entitlements.decisions.store': {
    as: 'staff',
    params: (w) => [{ id: w.person.id }],
    body: (w) => ({
      benefitCode: w.benefit.code,
      kind: 'revoke',
      validFrom: '2026-01-01',
      reason: 'Cross-tenant sweep',
    }),
  },
  'entitlements.what_if': { as: 'staff', params: (w) => [{ id: w.draftVersion.id }] },

  // Identification: the issuer's means
  'identification.means.show': { as: 'staff', params: (w) => [{ id: w.means.id }] },
  'identification.means.block': {
    as: 'staff',
    params: (w) => [{ id: w.means.id }],
    body: () => ({ reason: 'lost' }),
  },
  'identification.means.unblock': {
    as: 'staff',
    params: (w) => [{ id: w.means.id }],
    body: () => ({ reason: 'found' }),
  },
  'identification.means.replace': {
    as: 'staff',
    params: (w) => [{ id: w.means.id }],
    body: (w) => ({ replacementId: w.means.replacementId, reason: 'damaged' }),
  },

  // Catalogue API
  'api.benefits.show': { as: 'api', params: benefitCode },
  'api.benefits.update': {
    as: 'api',
    params: benefitCode,
    body: () => ({ name_lv: 'Pārrakstīts', name_en: 'Overwritten' }),
  },
  'api.benefits.versions.store': {
    as: 'api',
    params: benefitCode,
    body: () => ({ effective_from: '2031-01-01' }),
  },
  'api.benefits.submit': { as: 'api', params: benefitCode },
  'api.benefits.publish': { as: 'api', params: benefitCode },

  // Entitlements API: the person and the benefit travel in the query string
  'api.entitlements.explain': {
    as: 'api',
    params: () => [{}],
    query: (w) => ({ personal_code: w.person.code, benefit: w.benefit.code }),
  },
  'api.entitlements.index': {
    as: 'api',
    params: () => [{}],
    query: (w) => ({ personal_code: w.person.code }),
    expect: 'hide',
  },

  // Register push API: a data source delivers only to its own code
  'api.registers.changes.store': {
    as: 'source',
    params: (w) => [{ source: w.dataSource.code }],
    body: () => ({ persons: [], facts: [] }),
  },

  // Operator portal: cross-tenant by design
  'operator.tenants.show': operator((w) => [{ id: w.tenant.id }]),
  'operator.tenants.edit': operator((w) => [{ id: w.tenant.id }]),
  'operator.tenants.update': operator(
    (w) => [{ id: w.tenant.id }],
    () => ({ name: 'Renamed by the sweep' })
  ),
  'operator.tenants.suspend': operator((w) => [{ id: w.tenant.id }]),
  'operator.tenants.reactivate': operator((w) => [{ id: w.tenant.id }]),
  'operator.invitations.store': operator(
    (w) => [{ id: w.tenant.id }],
    () => ({ email: 'sweep@example.lv', fullName: 'Sweep Person' })
  ),
  'operator.plugins.update': operator(
    (w) => [{ id: w.tenant.id }],
    () => ({ plugins: [] })
  ),
  'operator.registers.sources.show': operator((w) => [{ id: w.dataSource.id }]),
  'operator.registers.imports.store': operator((w) => [{ id: w.dataSource.id }]),
  'operator.registers.api_clients.store': operator(
    (w) => [{ id: w.dataSource.id }],
    () => ({ name: 'Sweep client' })
  ),
  'operator.registers.api_clients.rotate': operator((w) => [
    { id: w.dataSource.id, clientId: w.dataSource.client.id },
  ]),
  'operator.registers.api_clients.revoke': operator((w) => [
    { id: w.dataSource.id, clientId: w.dataSource.client.id },
  ]),
  'operator.registers.imports.show': operator((w) => [{ id: w.dataSource.importId }]),
  'operator.registers.imports.progress': operator((w) => [{ id: w.dataSource.importId }]),
  'operator.registers.imports.error_report': operator((w) => [{ id: w.dataSource.importId }]),
}

function operator(params: SweptRoute['params'], body?: SweptRoute['body']): SweptRoute {
  return { as: 'staff', params, body, expect: 'operator' }
}

export const EXEMPT: Record<string, string> = {
  'auth.password.reset':
    'The :token is the credential itself (a random one-time secret, stored hashed), not an id of a tenant resource; tests/functional/auth/password_reset.spec.ts covers bad, used and expired tokens.',
  'auth.password.update':
    'The :token is the credential itself (a random one-time secret, stored hashed), not an id of a tenant resource; tests/functional/auth/password_reset.spec.ts covers bad, used and expired tokens.',
  'auth.invitation.show':
    'The :token is the credential itself (a random one-time secret, stored hashed), not an id; whoever holds it is the invitee. tests/functional/auth/invitation.spec.ts covers bad, used and expired tokens.',
  'auth.invitation.accept':
    'The :token is the credential itself (a random one-time secret, stored hashed), not an id; whoever holds it is the invitee. tests/functional/auth/invitation.spec.ts covers bad, used and expired tokens.',
}

/** A complete draft in the staff form's field names (any valid one will do). */
function draftBody() {
  return draft({ effectiveFrom: '2030-01-01', rule: 'age >= 200', scenarios: [] })
}
