import { test } from '@japa/runner'
import { auditMark, dropAuditAfter } from '../registers/push_support.js'
import db from '@adonisjs/lucid/services/db'
import { buildOldPersonalCode } from '#registers/personal_code'
import { importFileSet, importSourceByCode } from '#registers/import/import_file_set'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { runAcrossTenants } from '#platform/database/tenant_scope'
import RegisterIssuer from '#identification/actions/register_issuer'
import {
  activeMeansOfPersons,
  identifierChangesAfter,
  identifierChangesCursor,
  personOfMeans,
} from '#identification/queries/active_means'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import {
  IDENTIFIERS_HEADER,
  PERSONS_HEADER,
  emptyRegisters,
  makeSource,
  writeFileSet,
} from '#tests/functional/registers/import_support'

const JANIS = buildOldPersonalCode(1975, 11, 16, 199)
const persons = `${PERSONS_HEADER}\n${JANIS},Jānis,Bērziņš,1975-11-16,\n`
const ids = (...rows: string[]) => [IDENTIFIERS_HEADER, ...rows].join('\n') + '\n'
const DAY = '2026-09-01'

async function run(files: Parameters<typeof writeFileSet>[0]) {
  const set = await writeFileSet(files)
  try {
    return await importFileSet(set.dir, {
      source: await importSourceByCode('pmlp'),
      mode: 'delta',
      batchDate: DAY,
    })
  } finally {
    await set.cleanup()
  }
}

async function means(value: string, type = 'etalons') {
  return db
    .from('person_identifiers')
    .where('value_hash', hashIdentifier(type, value))
    .firstOrFail()
}

async function empty() {
  await emptyRegisters()
  await db.connection('owner').rawQuery('TRUNCATE identifier_changes RESTART IDENTITY')
}

/** Imports commit on their own connections: take back what they wrote, audit rows included. */
async function emptiedAround() {
  await empty()
  const mark = await auditMark()
  return async () => {
    await empty()
    await dropAuditAfter(mark)
  }
}

test.group('Identification: lifecycle on the import path', (group) => {
  group.each.setup(emptiedAround)
  group.each.timeout(60_000)

  test('imported means that apply are logged in order and resolve to their holder', async ({
    assert,
  }) => {
    await makeSource()
    const before = await identifierChangesCursor()
    await run({
      persons,
      identifiers: ids(
        `${JANIS},etalons,E100,rs-life,2024-01-01,,active`,
        `${JANIS},eid,PA100,pmlp,2020-01-01,2025-01-01,active`,
        `${JANIS},pupil_card,SK100,riga,2024-01-01,,blocked`
      ),
    })
    const card = await means('E100')
    const person = card.person_id
    const changes = await identifierChangesAfter(before)
    // Blocked on arrival: nothing for the index to add.
    assert.lengthOf(changes, 2)
    assert.isTrue(changes.every((change) => change.applies && change.personId === Number(person)))
    assert.isAbove(changes[1].id, changes[0].id)

    // The eID ended before the day: expired, it identifies nobody.
    assert.equal(await personOfMeans(hashIdentifier('etalons', 'E100'), DAY), Number(person))
    assert.isNull(await personOfMeans(hashIdentifier('eid', 'PA100'), DAY))
    assert.isNull(await personOfMeans(hashIdentifier('pupil_card', 'SK100'), DAY))
    const active = await activeMeansOfPersons([Number(person)], DAY)
    assert.deepEqual(
      active.map((m) => m.valueHash),
      [hashIdentifier('etalons', 'E100')]
    )

    // The same file again changes nothing, so logs nothing.
    const cursor = await identifierChangesCursor()
    await run({ identifiers: ids(`${JANIS},etalons,E100,rs-life,2024-01-01,,active`) })
    assert.lengthOf(await identifierChangesAfter(cursor), 0)
  })

  test('a status change in the issuer’s file is history and stops the means applying', async ({
    assert,
  }) => {
    await makeSource()
    await run({ persons, identifiers: ids(`${JANIS},etalons,E200,rs-life,2024-01-01,,active`) })
    const cursor = await identifierChangesCursor()
    const result = await run({
      identifiers: ids(`${JANIS},etalons,E200,rs-life,2024-01-01,2026-08-01,blocked`),
    })
    const card = await means('E200')
    const [change] = await identifierChangesAfter(cursor)
    assert.include(change, { identifierId: Number(card.id), applies: false, validTo: '2026-08-01' })
    const history = await db.from('identifier_status_history').where('identifier_id', card.id)
    assert.lengthOf(history, 1)
    assert.include(history[0], { from_status: 'active', to_status: 'blocked', source: 'import' })
    assert.equal(Number(history[0].import_id), result.importId)
    assert.isNull(await personOfMeans(hashIdentifier('etalons', 'E200'), DAY))
  })
})

test.group('Identification: the issuer’s staff pages', (group) => {
  group.each.setup(emptiedAround)
  group.each.timeout(60_000)

  async function issuerWorld() {
    const tenant = await makeTenant({ kind: 'service_provider' })
    const code = `rs-${tenant.id}`
    await runAcrossTenants('test: register an issuer', () =>
      new RegisterIssuer().handle({ code, tenantId: tenant.id })
    )
    await makeSource()
    await run({
      persons,
      identifiers: ids(
        `${JANIS},etalons,E300,${code},2024-01-01,,active`,
        `${JANIS},etalons,E301,${code},2026-01-01,,active`,
        `${JANIS},etalons,E399,someone-else,2024-01-01,,active`
      ),
    })
    const [old, fresh, foreign] = await Promise.all([means('E300'), means('E301'), means('E399')])
    return { tenant, code, old, fresh, foreign, personId: Number(old.person_id) }
  }

  test('an issuer finds its card by number, blocks it with a reason, audited; a later file cannot undo it', async ({
    client,
    assert,
  }) => {
    const { tenant, code, old, personId } = await issuerWorld()
    const { user } = await makeMember(tenant, 'provider_operator')
    const search = await client
      .post('/staff/identification/search')
      .json({ type: 'etalons', value: 'E300' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(search.header('location'), `/staff/identification/means/${old.id}`)

    const cursor = await identifierChangesCursor()
    const blocked = await client
      .post(`/staff/identification/means/${old.id}/block`)
      .json({ reason: 'lost' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    blocked.assertStatus(302)
    const [change] = await identifierChangesAfter(cursor)
    assert.include(change, { identifierId: Number(old.id), applies: false })
    assert.isNull(await personOfMeans(hashIdentifier('etalons', 'E300'), DAY))
    const audit = await db
      .from('audit_logs')
      .where('action', 'identification.means.blocked')
      .first()
    assert.equal(audit.tenant_id, tenant.id)
    assert.equal(audit.subject_id, String(old.id))

    // The file still says active (with a new end date): the issuer's block holds.
    await run({ identifiers: ids(`${JANIS},etalons,E300,${code},2024-01-01,2030-01-01,active`) })
    assert.isNull(await personOfMeans(hashIdentifier('etalons', 'E300'), DAY))

    const page = await client
      .get(`/staff/identification/means/${old.id}`)
      .loginAs(user)
      .withInertia()
    page.assertStatus(200)
    const props = page.inertiaProps as any
    assert.equal(props.means.status, 'blocked')
    assert.equal(props.means.holdReason, 'lost')
    assert.include(props.history[0], { toStatus: 'blocked', reason: 'lost', source: 'issuer' })
    assert.equal(props.history[0].userEmail, user.email)

    const unblocked = await client
      .post(`/staff/identification/means/${old.id}/unblock`)
      .json({ reason: 'found' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    unblocked.assertStatus(302)
    assert.equal(await personOfMeans(hashIdentifier('etalons', 'E300'), DAY), personId)
  })

  test('a replaced means stops applying and links to its replacement; both cards resolve the holder until then', async ({
    client,
    assert,
  }) => {
    const { tenant, old, fresh, personId } = await issuerWorld()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const active = await activeMeansOfPersons([personId], DAY)
    assert.lengthOf(active, 3, 'one entitlement applies through every active means')

    const replaced = await client
      .post(`/staff/identification/means/${old.id}/replace`)
      .json({ replacementId: Number(fresh.id), reason: 'damaged' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    replaced.assertStatus(302)
    const page = await client
      .get(`/staff/identification/means/${old.id}`)
      .loginAs(user)
      .withInertia()
    const props = page.inertiaProps as any
    assert.equal(props.means.status, 'replaced')
    assert.equal(props.means.replacedById, Number(fresh.id))
    assert.include(props.history[0], { toStatus: 'replaced', replacedById: Number(fresh.id) })
    assert.isNull(await personOfMeans(hashIdentifier('etalons', 'E300'), DAY))
    assert.equal(await personOfMeans(hashIdentifier('etalons', 'E301'), DAY), personId)

    const again = await client
      .post(`/staff/identification/means/${old.id}/block`)
      .json({ reason: 'lost' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(302)
    assert.lengthOf(
      await db.from('identifier_status_history').where('identifier_id', old.id),
      1,
      'a replaced means cannot be blocked'
    )
  })

  test('a replacement must be another valid means of the same holder from this issuer', async ({
    client,
    assert,
  }) => {
    const { tenant, old, foreign } = await issuerWorld()
    const { user } = await makeMember(tenant, 'tenant_admin')
    await client
      .post(`/staff/identification/means/${old.id}/replace`)
      .json({ replacementId: Number(foreign.id), reason: 'lost' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.notExists(await db.from('identifier_holds').where('identifier_id', old.id).first())
  })

  test('an unknown reason is refused with a field error', async ({ client }) => {
    const { tenant, old } = await issuerWorld()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post(`/staff/identification/means/${old.id}/block`)
      .json({ reason: 'bored' })
      .header('Accept', 'application/json')
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('auditors see but do not change; analysts do not see', async ({ client, assert }) => {
    const { tenant, old } = await issuerWorld()
    const { user: auditor } = await makeMember(tenant, 'auditor')
    const { user: analyst } = await makeMember(tenant, 'analyst')
    const seen = await client.get(`/staff/identification/means/${old.id}`).loginAs(auditor)
    seen.assertStatus(200)
    const block = await client
      .post(`/staff/identification/means/${old.id}/block`)
      .json({ reason: 'lost' })
      .header('Accept', 'application/json')
      .loginAs(auditor)
      .withCsrfToken()
    block.assertStatus(403)
    assert.notExists(await db.from('identifier_holds').where('identifier_id', old.id).first())
    const hidden = await client.get(`/staff/identification/means/${old.id}`).loginAs(analyst)
    hidden.assertStatus(403)
  })

  test('another issuer’s means is not found, by id or by number', async ({ client, assert }) => {
    const { tenant, foreign } = await issuerWorld()
    const { user } = await makeMember(tenant, 'tenant_admin')
    const page = await client.get(`/staff/identification/means/${foreign.id}`).loginAs(user)
    page.assertStatus(404)
    const block = await client
      .post(`/staff/identification/means/${foreign.id}/block`)
      .json({ reason: 'lost' })
      .loginAs(user)
      .withCsrfToken()
    block.assertStatus(404)
    assert.notExists(await db.from('identifier_holds').where('identifier_id', foreign.id).first())
    const search = await client
      .post('/staff/identification/search')
      .json({ type: 'etalons', value: 'E399' })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.equal(search.header('location'), '/staff/identification')
  })
})
