import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type Tenant from '#tenancy/models/tenant'
import type User from '#tenancy/models/user'
import type Membership from '#tenancy/models/membership'
import type ApiClient from '#platform/api/models/api_client'
import CreateBenefitVersion from '#catalogue/actions/create_benefit_version'
import CreatePersonGroup from '#catalogue/actions/create_person_group'
import CreateService from '#catalogue/actions/create_service'
import ProposeContract from '#catalogue/actions/propose_contract'
import RecordDecision from '#entitlements/actions/record_decision'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import { forgetEngineSetups } from '#entitlements/engine/service'
import { personalCodeHash } from '#registers/personal_code_protection'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { runAcrossTenants } from '#platform/database/tenant_scope'
import RegisterIssuer from '#identification/actions/register_issuer'
import { draft, publishedBenefit } from '../functional/catalogue/fixtures.js'
import { makePerson, makeSource } from '../functional/entitlements/fixtures.js'
import { makeApiClient } from '../functional/api/fixtures.js'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

let serial = 0

/**
 * One tenant with one of every kind of resource a route can name by id or code, each with a
 * code unique to this world (so that another tenant's code never happens to match one of its
 * own). The tenant is a merchant: it both grants benefits and provides services, so every
 * catalogue route applies to it.
 */
export interface TenantWorld {
  tenant: Tenant
  /** Text found only in this world's pages and rows (names, the benefit code, an email). */
  markers: string[]
  admin: User
  colleague: { user: User; membership: Membership }
  benefit: { id: number; code: string }
  publishedVersion: { id: number }
  draftVersion: { id: number }
  group: { id: number; key: string }
  service: { id: number; code: string }
  /** Contracts with a partner tenant: this tenant as grantor and as provider, both proposed. */
  contracts: { asGrantor: { id: number }; asProvider: { id: number } }
  /** The tenant's API client with every scope its kind allows, and a second one. */
  apiClient: ApiClient
  spareApiClient: ApiClient
  /** A register person entitled only by this tenant's manual grant. */
  person: { id: number; code: string }
  /** A data source (platform data) with its own API client and one import. */
  dataSource: { id: number; code: string; client: ApiClient; importId: number }
  /** Two identification means of the person, issued by this tenant (an issuer code of its). */
  means: { issuer: string; id: number; replacementId: number }
}

const ACTIONS_ACTOR = (user: User) => ({ userId: user.id, label: user.email })

export async function buildTenantWorld(label: string): Promise<TenantWorld> {
  const n = ++serial
  const prefix = `${label.toLowerCase()}${n}${Date.now() % 100_000}`
  const tenant = await makeTenant({ name: `World ${label} ${prefix}`, kind: 'merchant' })
  const partner = await makeTenant({ name: `Partner of ${prefix}`, kind: 'merchant' })
  const { user: admin } = await createStaffMember({ tenant, plugins: ['education'] })
  const colleague = await makeMember(tenant, 'benefit_manager')
  const { user: partnerAdmin } = await makeMember(partner, 'tenant_admin')

  // Nobody qualifies by rule: the only entitlement comes from the manual grant below.
  ruleChecker.swap({ run: () => ({ passed: true, results: [] }) })
  let published
  try {
    published = await publishedBenefit(
      tenant,
      colleague.user,
      admin,
      `${prefix}.benefit`,
      draft({
        rule: 'age >= 200',
        effectiveFrom: '2020-01-01',
        nameLv: `${prefix} atlaide`,
        nameEn: `${prefix} discount`,
      })
    )
  } finally {
    ruleChecker.restore()
  }
  const { version: draftVersion } = await new CreateBenefitVersion().handle({
    tenantId: tenant.id,
    benefitId: published.benefit.id,
    effectiveFrom: '2030-01-01',
    actor: ACTIONS_ACTOR(colleague.user),
  })

  const group = await new CreatePersonGroup().handle({
    tenantId: tenant.id,
    key: `${prefix}_group`,
    nameLv: `${prefix} grupa`,
    nameEn: `${prefix} group`,
    kind: 'list',
    actor: ACTIONS_ACTOR(admin),
  })
  const service = await new CreateService().handle({
    tenantId: tenant.id,
    code: `${prefix}.service`,
    nameLv: `${prefix} pakalpojums`,
    nameEn: `${prefix} service`,
    sector: 'transport',
    basePriceCents: 100,
    actor: ACTIONS_ACTOR(admin),
  })
  const partnerService = await new CreateService().handle({
    tenantId: partner.id,
    code: `${prefix}.partner.service`,
    nameLv: 'Partnera pakalpojums',
    nameEn: 'Partner service',
    sector: 'transport',
    basePriceCents: 100,
    actor: ACTIONS_ACTOR(partnerAdmin),
  })
  const { benefit: partnerBenefit } = await publishedPartnerBenefit(partner, partnerAdmin, prefix)
  const contract = (grantor: Tenant, provider: Tenant, benefitId: number, serviceId: number) =>
    new ProposeContract().handle({
      tenantId: grantor.id,
      reference: `${prefix}-${grantor.id}-${provider.id}`,
      providerTenantId: provider.id,
      benefitIds: [benefitId],
      serviceIds: [serviceId],
      validFrom: '2026-01-01',
      compensationMethod: 'flat_per_use',
      flatCents: 50,
      actor: ACTIONS_ACTOR(grantor.id === tenant.id ? admin : partnerAdmin),
    })
  const asGrantor = await contract(tenant, partner, published.benefit.id, partnerService.id)
  const asProvider = await contract(partner, tenant, partnerBenefit.id, service.id)

  const apiClient = await makeApiClient(tenant, {
    scopes: ['catalogue:read', 'catalogue:write', 'entitlements:read'],
    rateLimitPerMinute: 100_000,
  })
  const spareApiClient = await makeApiClient(tenant, { name: 'Spare integration' })

  const person = await makePerson('1980-05-05')
  await db.table('person_group_members').insert({
    tenant_id: tenant.id,
    group_id: group.id,
    person_code_hash: personalCodeHash(person.code),
    valid_from: '2026-01-01',
    created_at: new Date(),
    updated_at: new Date(),
  })
  forgetEngineSetups()
  await new RecordDecision().handle({
    tenantId: tenant.id,
    personId: person.id,
    benefitCode: published.benefit.code,
    kind: 'grant',
    validFrom: '2020-01-01',
    reason: `${prefix} grant`,
    actor: ACTIONS_ACTOR(admin),
  })

  const source = await makeSource(`${prefix}-source`)
  const sourceClient = await makeApiClient(
    { dataSourceId: source.id },
    { rateLimitPerMinute: 100_000 }
  )
  const errorReportPath = join(await mkdtemp(join(tmpdir(), 'sweep-')), 'errors.csv')
  await writeFile(errorReportPath, 'row,reason\n1,invalid_code\n')
  const [importRow] = await db
    .table('register_imports')
    .insert({
      data_source_id: source.id,
      mode: 'delta',
      status: 'succeeded',
      origin: 'api',
      rejected: 1,
      error_report_path: errorReportPath,
      started_at: new Date(),
      finished_at: new Date(),
    })
    .returning('id')

  const issuer = `${prefix}-issuer`
  await runAcrossTenants('test world: name the tenant as an issuer', () =>
    new RegisterIssuer().handle({ code: issuer, tenantId: tenant.id })
  )
  const [meansId, replacementId] = await Promise.all(
    ['1', '2'].map(async (digit) => {
      const [row] = await db
        .table('person_identifiers')
        .insert({
          person_id: person.id,
          type: 'etalons',
          value_hash: hashIdentifier('etalons', `${prefix}-card-${digit}`),
          value_hint: `000${digit}`,
          issuer,
          valid_from: '2024-01-01',
          status: 'active',
          data_source_id: source.id,
          received_at: new Date(),
        })
        .returning('id')
      return Number(row.id ?? row)
    })
  )

  return {
    tenant,
    markers: [
      tenant.name,
      published.benefit.code,
      `${prefix} atlaide`,
      `${prefix} discount`,
      colleague.user.email,
    ],
    admin,
    colleague,
    benefit: { id: published.benefit.id, code: published.benefit.code },
    publishedVersion: { id: published.version.id },
    draftVersion: { id: draftVersion.id },
    group: { id: group.id, key: group.key },
    service: { id: service.id, code: service.code },
    contracts: { asGrantor: { id: asGrantor.id }, asProvider: { id: asProvider.id } },
    apiClient: apiClient.client,
    spareApiClient: spareApiClient.client,
    person,
    dataSource: {
      id: source.id,
      code: source.code,
      client: sourceClient.client,
      importId: Number(importRow.id ?? importRow),
    },
    means: { issuer, id: meansId, replacementId },
  }
}

async function publishedPartnerBenefit(partner: Tenant, partnerAdmin: User, prefix: string) {
  const { user: author } = await makeMember(partner, 'benefit_manager')
  ruleChecker.swap({ run: () => ({ passed: true, results: [] }) })
  try {
    return await publishedBenefit(
      partner,
      author,
      partnerAdmin,
      `${prefix}.partner`,
      draft({ rule: 'age >= 200', effectiveFrom: '2020-01-01' })
    )
  } finally {
    ruleChecker.restore()
  }
}

/**
 * Every row of the tenant's own (any table with a tenant_id or provider_tenant_id column,
 * found in the schema so that new tables are covered) and of its data source, as text:
 * compare two snapshots to prove that a refused write changed nothing.
 */
export async function snapshotWorld(world: TenantWorld): Promise<string> {
  const columns = await db
    .from('information_schema.columns')
    .where('table_schema', 'public')
    .whereIn('column_name', ['tenant_id', 'provider_tenant_id'])
    .orderBy(['table_name', 'column_name'])
    .select('table_name', 'column_name')
  const parts: Record<string, unknown[]> = {}
  for (const { table_name: table, column_name: column } of columns) {
    parts[`${table}.${column}`] = await db
      .from(table)
      .where(column, world.tenant.id)
      .orderByRaw('1')
      .select('*')
  }
  parts.tenant = await db.from('tenants').where('id', world.tenant.id).select('*')
  parts.persons = await db.from('persons').where('id', world.person.id).select('*')
  parts.source = await db.from('data_sources').where('id', world.dataSource.id).select('*')
  for (const table of ['register_imports', 'facts']) {
    parts[table] = await db
      .from(table)
      .where('data_source_id', world.dataSource.id)
      .orderByRaw('1')
      .select('*')
  }
  parts.means = await db
    .from('person_identifiers as i')
    .leftJoin('identifier_holds as h', 'h.identifier_id', 'i.id')
    .where('i.issuer', world.means.issuer)
    .orderBy('i.id')
    .select('i.*', 'h.status as hold_status', 'h.reason as hold_reason')
  parts.sourceClients = await db
    .from('api_clients')
    .where('owner_type', 'data_source')
    .where('owner_id', world.dataSource.id)
    .select('*')
  // A reader that cannot see the rows (say, a database role under row-level security without the
  // tenant set) would make every snapshot equal and the check empty: refuse that.
  if (!(parts['benefits.tenant_id'] as unknown[] | undefined)?.length) {
    throw new Error(`snapshotWorld cannot see tenant ${world.tenant.id}'s benefits`)
  }
  return JSON.stringify(parts)
}
