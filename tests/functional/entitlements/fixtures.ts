import db from '@adonisjs/lucid/services/db'
import { buildOldPersonalCode } from '#registers/personal_code'
import { encryptPersonalCode, personalCodeHash } from '#registers/personal_code_protection'
import CreatePersonGroup from '#catalogue/actions/create_person_group'
import { ruleChecker } from '#catalogue/rules/rule_checker'
import type Tenant from '#tenancy/models/tenant'
import type User from '#tenancy/models/user'
import { forgetEngineSetups, planFullRun, runPendingInProcess } from '#entitlements/engine/service'
import { draft, publishedBenefit } from '../catalogue/fixtures.js'
import { makeMember } from '#tests/support/tenancy_fixtures'

let serial = 0

export async function makeSource(code = `src-${Date.now()}-${++serial}`) {
  const [row] = await db
    .table('data_sources')
    .insert({ code, name: code, created_at: new Date(), updated_at: new Date() })
    .returning('id')
  return { id: Number(row.id ?? row), code }
}

/** A register person born on the date, with a valid personal code. */
export async function makePerson(birthDate: string, deathDate: string | null = null) {
  const [y, m, d] = birthDate.split('-').map(Number)
  const code = buildOldPersonalCode(y, m, d, ++serial % 1000)
  const [row] = await db
    .table('persons')
    .insert({
      code_hash: personalCodeHash(code),
      code_encrypted: encryptPersonalCode(code),
      given_names: 'Anna',
      surname: 'Bērziņa',
      birth_date: birthDate,
      death_date: deathDate,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('id')
  return { id: Number(row.id ?? row), code }
}

/** A fact as the register import stores it, with its change-log row. */
export async function addFact(
  personId: number,
  sourceId: number,
  attribute: string,
  value: string,
  from: string,
  to: string | null = null
) {
  const [row] = await db
    .table('facts')
    .insert({
      person_id: personId,
      attribute,
      value,
      valid_from: from,
      valid_to: to,
      data_source_id: sourceId,
      received_at: new Date(),
    })
    .returning('id')
  await logChange(personId, attribute)
  return Number(row.id ?? row)
}

export async function logChange(personId: number, attribute: string | null = null) {
  await db.table('change_log').insert({
    person_id: personId,
    entity: 'fact',
    action: 'created',
    attribute,
    created_at: new Date(),
  })
}

/** A grantor with a manager and a publisher, and a published benefit with the rule. */
export async function grantorWithBenefit(
  tenant: Tenant,
  code: string,
  rule: string,
  overrides: Parameters<typeof draft>[0] = {}
) {
  const { user: author } = await makeMember(tenant, 'benefit_manager')
  const { user: publisher } = await makeMember(tenant, 'tenant_admin')
  // Scenarios are the catalogue's concern (tested there); here any rule may be published.
  ruleChecker.swap({ run: () => ({ passed: true, results: [] }) })
  try {
    const { benefit, version } = await publishedBenefit(
      tenant,
      author,
      publisher,
      code,
      draft({ rule, effectiveFrom: '2020-01-01', ...overrides })
    )
    forgetEngineSetups()
    return { benefit, version, author, publisher }
  } finally {
    ruleChecker.restore()
  }
}

export async function makeListGroup(tenant: Tenant, user: User, key: string) {
  return new CreatePersonGroup().handle({
    tenantId: tenant.id,
    key,
    nameLv: key,
    nameEn: key,
    kind: 'list',
    actor: { userId: user.id, label: user.email },
  } as any)
}

export async function currentEntitlements(personId: number) {
  return db
    .from('entitlements')
    .where('person_id', personId)
    .whereNull('ended_at')
    .orderBy(['benefit_id', 'valid_from'])
    .select(
      'benefit_id',
      'version_id',
      'source',
      db.raw('valid_from::text AS valid_from'),
      db.raw('valid_to::text AS valid_to'),
      'explanation'
    )
}

export function periods(rows: { valid_from: string; valid_to: string | null }[]) {
  return rows.map((row) => [row.valid_from, row.valid_to])
}

/** A full run in this process, in chunks of `chunkSize` persons: its totals and its run row. */
export async function fullRun(chunkSize?: number) {
  forgetEngineSetups()
  const { runId } = await planFullRun(chunkSize ? { chunkSize } : {})
  const total = await runPendingInProcess(runId)
  const run = await db.from('entitlement_runs').where('id', runId).firstOrFail()
  return { runId, total, run }
}
