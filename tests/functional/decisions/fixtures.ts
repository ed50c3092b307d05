import db from '@adonisjs/lucid/services/db'
import type Tenant from '#tenancy/models/tenant'
import CreateService from '#catalogue/actions/create_service'
import ProposeContract from '#catalogue/actions/propose_contract'
import RespondToContract from '#catalogue/actions/respond_to_contract'
import { incrementalPass } from '#entitlements/engine/service'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { grantorWithBenefit, logChange, makePerson, makeSource } from '../entitlements/fixtures.js'
import { bearerFor, makeApiClient } from '../api/fixtures.js'

const actor = { userId: null, label: 'fixture' }

async function service(tenant: Tenant, code: string, basePriceCents: number) {
  return new CreateService().handle({
    tenantId: tenant.id,
    code,
    nameLv: code,
    nameEn: code,
    sector: 'transport',
    basePriceCents,
    actor,
  })
}

async function liveContract(
  grantor: Tenant,
  provider: Tenant,
  benefitIds: number[],
  serviceIds: number[]
) {
  const contract = await new ProposeContract().handle({
    tenantId: grantor.id,
    reference: `C-${grantor.id}-${provider.id}`,
    providerTenantId: provider.id,
    benefitIds,
    serviceIds,
    validFrom: '2017-07-01',
    compensationMethod: 'full_difference',
    actor,
  })
  await new RespondToContract().handle({
    providerTenantId: provider.id,
    contractId: contract.id,
    answer: 'accepted',
    actor,
  })
}

/** A means as the register import stores it (and its change-log row). */
export async function addIdentifier(
  personId: number,
  sourceId: number,
  type: string,
  value: string,
  status = 'active'
) {
  const [row] = await db
    .table('person_identifiers')
    .insert({
      person_id: personId,
      type,
      value_hash: hashIdentifier(type, value),
      value_hint: value.slice(-4),
      issuer: 'fixture',
      valid_from: '2015-01-01',
      valid_to: null,
      status,
      data_source_id: sourceId,
      received_at: new Date(),
    })
    .returning('id')
  const id = Number(row.id ?? row)
  await db.table('change_log').insert({
    person_id: personId,
    entity: 'identifier',
    action: 'created',
    entity_id: id,
    created_at: new Date(),
  })
  return id
}

/**
 * The demo catalogue in small (database/data/benefits.ts): Riga's pupils ride Rīgas satiksme
 * free; the state's Honour Family adults get 50 % on regional trains and ride free on
 * 18 November. Rules are simplified to ages: the decision index reads stored entitlements,
 * whatever rule made them.
 */
export async function pointOfUseWorld() {
  const riga = await makeTenant({ name: 'Rīgas valstspilsētas pašvaldība', kind: 'municipality' })
  const atd = await makeTenant({ name: 'Autotransporta direkcija', kind: 'state_grantor' })
  const rs = await makeTenant({ name: 'Rīgas satiksme', kind: 'service_provider' })
  const pv = await makeTenant({ name: 'Pasažieru vilciens', kind: 'service_provider' })
  await makeMember(rs, 'tenant_admin')
  const rsSingle = await service(rs, 'rs.single', 150)
  const pvSingle = await service(pv, 'pv.single_regional', 250)

  const pupils = await grantorWithBenefit(riga, 'riga.pupils', 'age < 19', {
    nameLv: 'Skolēni (1.–12. klase)',
    nameEn: 'Pupils (grades 1–12)',
    form: 'free',
    serviceCodes: ['rs.single', 'rs.monthly'],
    priority: 200,
  })
  const honourAdults = await grantorWithBenefit(atd, 'atd.honour_adults', 'age >= 24', {
    nameLv: 'Goda ģimene – pieaugušie, vienreizējā biļete',
    nameEn: 'Honour Family – adults, single ticket',
    form: 'percent',
    value: 50,
    serviceCodes: ['pv.single_regional'],
    municipalities: [],
    priority: 100,
  })
  const holidays = await grantorWithBenefit(atd, 'atd.honour_holidays', 'age >= 24', {
    nameLv: 'Goda ģimene – valsts svētku dienās bez maksas',
    nameEn: 'Honour Family – free on national holidays',
    form: 'free',
    serviceCodes: ['pv.single_regional', 'pv.season'],
    municipalities: [],
    specificDates: ['05-04', '11-11', '11-18'],
    priority: 300,
  })
  await liveContract(riga, rs, [pupils.benefit.id], [rsSingle.id])
  await liveContract(atd, pv, [honourAdults.benefit.id, holidays.benefit.id], [pvSingle.id])

  const source = await makeSource()
  const pupil = await makePerson('2013-05-05')
  const adult = await makePerson('1978-01-15')
  await addIdentifier(pupil.id, source.id, 'etalons', 'ET-PUPIL-0001')
  await addIdentifier(adult.id, source.id, 'honour_card', 'GG-000123')
  await addIdentifier(adult.id, source.id, 'etalons', 'ET-BLOCKED-0002', 'blocked')
  await logChange(pupil.id)
  await logChange(adult.id)
  await incrementalPass()

  const { client: rsClient } = await makeApiClient(rs, {
    scopes: ['decisions:write', 'services:read'],
  })
  const { client: pvClient } = await makeApiClient(pv, {
    scopes: ['decisions:write', 'services:read'],
  })
  return {
    tenants: { riga, atd, rs, pv },
    source,
    pupil,
    adult,
    benefits: { pupils, honourAdults, holidays },
    rs: { client: rsClient, authorization: await bearerFor(rsClient) },
    pv: { client: pvClient, authorization: await bearerFor(pvClient) },
  }
}
