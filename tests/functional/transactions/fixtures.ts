import db from '@adonisjs/lucid/services/db'
import type Tenant from '#tenancy/models/tenant'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { makePerson, makeSource } from '../entitlements/fixtures.js'

let serial = 0
const now = () => new Date()

async function insert(table: string, row: Record<string, unknown>): Promise<number> {
  const [created] = await db.table(table).insert(row).returning('id')
  return Number(created.id ?? created)
}

export async function makeService(provider: Tenant, code: string, basePriceCents = 150) {
  const id = await insert('services', {
    tenant_id: provider.id,
    code,
    name_lv: code,
    name_en: code,
    sector: 'transport',
    base_price_cents: basePriceCents,
    created_at: now(),
    updated_at: now(),
  })
  return { id, code }
}

/** A benefit with one published version (from 2020) of the grantor. */
export async function makeBenefit(
  grantor: Tenant,
  code: string,
  terms: { form: 'percent' | 'fixed_price' | 'amount_off' | 'free'; value: number | null },
  priority = 100
) {
  const benefitId = await insert('benefits', {
    tenant_id: grantor.id,
    code,
    sector: 'transport',
    created_at: now(),
    updated_at: now(),
  })
  const versionId = await insert('benefit_versions', {
    tenant_id: grantor.id,
    benefit_id: benefitId,
    version: 1,
    effective_from: '2020-01-01',
    status: 'published',
    name_lv: code,
    name_en: code,
    description_lv: code,
    description_en: code,
    form: terms.form,
    value: terms.value,
    priority,
    rule: 'true',
    author_label: 'test',
    created_at: now(),
    updated_at: now(),
  })
  return { id: benefitId, versionId, code }
}

/** An accepted contract from 2020 letting the provider apply the benefits on the services. */
export async function makeContract(
  grantor: Tenant,
  provider: Tenant,
  benefitIds: number[],
  serviceIds: number[]
) {
  const contractId = await insert('contracts', {
    tenant_id: grantor.id,
    provider_tenant_id: provider.id,
    reference: `C-${++serial}-${Date.now()}`,
    status: 'accepted',
    valid_from: '2020-01-01',
    compensation_method: 'full_difference',
    created_at: now(),
    updated_at: now(),
  })
  for (const benefitId of benefitIds) {
    await insert('contract_benefits', {
      tenant_id: grantor.id,
      contract_id: contractId,
      benefit_id: benefitId,
    })
  }
  for (const serviceId of serviceIds) {
    await insert('contract_services', {
      tenant_id: grantor.id,
      contract_id: contractId,
      service_id: serviceId,
    })
  }
  return contractId
}

/** A person holding an e-talons card (value returned) from 2020. */
export async function makeCardHolder() {
  const person = await makePerson('2010-05-04')
  const source = await makeSource()
  const value = `ET${Date.now()}${++serial}`
  await db.table('person_identifiers').insert({
    person_id: person.id,
    type: 'etalons',
    value_hash: hashIdentifier('etalons', value),
    value_hint: value.slice(-4),
    issuer: 'rigas_satiksme',
    valid_from: '2020-01-01',
    status: 'active',
    data_source_id: source.id,
    received_at: now(),
  })
  return { personId: person.id, card: { type: 'etalons', value } }
}

export async function entitle(
  grantor: Tenant,
  personId: number,
  benefit: { id: number; versionId: number },
  validFrom = '2020-01-01',
  validTo: string | null = null
) {
  await db.table('entitlements').insert({
    tenant_id: grantor.id,
    person_id: personId,
    benefit_id: benefit.id,
    version_id: benefit.versionId,
    valid_from: validFrom,
    valid_to: validTo,
    source: 'rule',
  })
}

/**
 * A municipality granting a free pass (priority 200) and a 50 % discount on a provider's bus
 * ride under an accepted contract; a pupil entitled to the free pass; the provider's client.
 */
export async function transactionsWorld() {
  const grantor = await makeTenant({ kind: 'municipality' })
  const provider = await makeTenant({ kind: 'service_provider' })
  const suffix = `${Date.now()}${++serial}`
  const bus = await makeService(provider, `bus.${suffix}`)
  const free = await makeBenefit(grantor, `free.${suffix}`, { form: 'free', value: null }, 200)
  const half = await makeBenefit(grantor, `half.${suffix}`, { form: 'percent', value: 50 })
  await makeContract(grantor, provider, [free.id, half.id], [bus.id])
  const pupil = await makeCardHolder()
  await entitle(grantor, pupil.personId, free)
  const { client } = await makeApiClient(provider, {
    scopes: ['transactions:write'],
    rateLimitPerMinute: 100_000,
  })
  return { grantor, provider, bus, free, half, pupil, client, bearer: await bearerFor(client) }
}

export function usage(overrides: Record<string, unknown> = {}) {
  return {
    id: `tx-${Date.now()}-${++serial}`,
    service: 'bus',
    at: new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    full_price_cents: 150,
    charged_price_cents: 150,
    ...overrides,
  }
}

export async function storedRows(tenantId: number) {
  return db.from('usage_transactions').where('tenant_id', tenantId).orderBy('id').select('*')
}
