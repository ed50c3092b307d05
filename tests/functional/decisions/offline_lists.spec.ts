import { createHmac, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import type { ApiClient as Http } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import type Tenant from '#tenancy/models/tenant'
import { hashIdentifier, listHashIdentifier } from '#registers/import/keyed_hash'
import RefreshOfflineListsJob from '#decisions/jobs/refresh_offline_lists_job'
import {
  parseListKey,
  publishedListKeys,
  rotateListSigningKey,
  useListKeySettings,
} from '#decisions/offline_lists/list_signing_keys'
import { verifyOfflineList } from '#decisions/offline_lists/verify_offline_list'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { fullRun, grantorWithBenefit, makePerson, makeSource } from '../entitlements/fixtures.js'

let serial = 0

async function addIdentifier(
  personId: number,
  sourceId: number,
  type: string,
  options: { status?: string; from?: string; to?: string | null } = {}
) {
  const value = `${type === 'etalons' ? '1' : 'PA'}${String(++serial).padStart(9, '0')}${Date.now() % 1000}`
  const [row] = await db
    .table('person_identifiers')
    .insert({
      person_id: personId,
      type,
      value_hash: hashIdentifier(type, value),
      list_hash: listHashIdentifier(type, value),
      value_hint: value.slice(-4),
      issuer: 'rigas-satiksme',
      valid_from: options.from ?? '2024-01-01',
      valid_to: options.to ?? null,
      status: options.status ?? 'active',
      data_source_id: sourceId,
      received_at: new Date(),
    })
    .returning('id')
  return { id: Number(row.id ?? row), type, value, hash: listHashIdentifier(type, value) }
}

async function contract(grantor: Tenant, provider: Tenant, benefitIds: number[], from: string) {
  const now = new Date()
  const [row] = await db
    .table('contracts')
    .insert({
      tenant_id: grantor.id,
      provider_tenant_id: provider.id,
      reference: `C-${++serial}`,
      status: 'accepted',
      valid_from: from,
      valid_to: null,
      compensation_method: 'full_difference',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const contractId = Number(row.id ?? row)
  for (const benefitId of benefitIds) {
    await db.table('contract_benefits').insert({
      tenant_id: grantor.id,
      contract_id: contractId,
      benefit_id: benefitId,
    })
  }
  return contractId
}

/**
 * A grantor whose adult-only benefit is covered by a contract with provider A (from
 * 2025-03-01); provider B has no contract. Anna holds an active e-talons and a blocked eID,
 * Juris an eID from 2025-06-01, the child Pēteris an e-talons and an entitlement from his 18th
 * birthday (entitlements carry their true dates, so the list knows it in advance).
 */
async function world() {
  const grantor = await makeTenant()
  const providerA = await makeTenant({ kind: 'service_provider' })
  const providerB = await makeTenant({ kind: 'service_provider' })
  const source = await makeSource()
  const { benefit } = await grantorWithBenefit(grantor, `adults-${++serial}`, 'age >= 18', {
    priority: 150,
  })
  await contract(grantor, providerA, [benefit.id], '2025-03-01')
  const anna = await makePerson('1970-02-02')
  const juris = await makePerson('1985-05-05')
  const peteris = await makePerson('2019-09-09')
  const annaCard = await addIdentifier(anna.id, source.id, 'etalons')
  const annaBlocked = await addIdentifier(anna.id, source.id, 'eid', { status: 'blocked' })
  const jurisEid = await addIdentifier(juris.id, source.id, 'eid', { from: '2025-06-01' })
  const childCard = await addIdentifier(peteris.id, source.id, 'etalons')
  await fullRun()
  await new RefreshOfflineListsJob().handle({ tenantId: null })
  const clientA = await makeApiClient(providerA, { scopes: ['offline-list:read'] })
  const clientB = await makeApiClient(providerB, { scopes: ['offline-list:read'] })
  return {
    grantor,
    benefit,
    source,
    anna,
    juris,
    annaCard,
    annaBlocked,
    jurisEid,
    childCard,
    bearerA: await bearerFor(clientA.client),
    bearerB: await bearerFor(clientB.client),
  }
}

/** GET /api/v1/offline-list as a client: the response. */
function fetchList(client: Http, bearer: string, since?: number) {
  const request = client.get('/api/v1/offline-list').header('Authorization', bearer)
  return since === undefined ? request : request.qs({ since })
}

/** The list inside the signed answer. */
async function listFor(client: Http, bearer: string, since?: number) {
  const response = await fetchList(client, bearer, since)
  response.assertStatus(200)
  return JSON.parse(response.body().data.payload)
}

async function verifyExitCode(args: string[]) {
  const command = await ace.exec('offline-list:verify', args)
  return command.exitCode
}

test.group('Offline lists', (group) => {
  let keyDir: string
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    keyDir = mkdtempSync(join(tmpdir(), 'offline-list-keys-'))
    useListKeySettings({ dir: keyDir, privateKey: null, publicKeys: [] })
    return () => {
      useListKeySettings(null)
      rmSync(keyDir, { recursive: true, force: true })
    }
  })
  group.each.timeout(60_000)

  test('the full list holds every usable identifier of each person entitled through a live contract', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const response = await client.get('/api/v1/offline-list').header('Authorization', w.bearerA)
    response.assertStatus(200)
    const list = JSON.parse(response.body().data.payload)
    assert.equal(list.kind, 'full')
    assert.isAbove(list.sequence, 0)
    assert.deepEqual(
      list.entries,
      [
        {
          hash: w.annaCard.hash,
          grantor: w.grantor.registrationNumber,
          benefit: w.benefit.code,
          priority: 150,
          // The contract starts after the entitlement and the card.
          valid_from: '2025-03-01',
          valid_until: null,
        },
        {
          hash: w.jurisEid.hash,
          grantor: w.grantor.registrationNumber,
          benefit: w.benefit.code,
          priority: 150,
          valid_from: '2025-06-01',
          valid_until: null,
        },
        {
          hash: w.childCard.hash,
          grantor: w.grantor.registrationNumber,
          benefit: w.benefit.code,
          priority: 150,
          valid_from: '2037-09-09',
          valid_until: null,
        },
      ].sort((a, b) => a.hash.localeCompare(b.hash))
    )
    assert.deepEqual(list.removed, [])
    const hashes = list.entries.map((entry: any) => entry.hash)
    assert.notInclude(hashes, w.annaBlocked.hash)
    // Never the platform's identifier hash.
    assert.notInclude(response.text(), hashIdentifier(w.annaCard.type, w.annaCard.value))
  })

  test('a validator hashes the card it reads with the list key and finds its entry', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const key = await client.get('/api/v1/offline-list/hash-key').header('Authorization', w.bearerA)
    key.assertStatus(200)
    assert.equal(key.body().data.algorithm, 'HMAC-SHA256')
    const hash = createHmac('sha256', Buffer.from(key.body().data.key, 'base64'))
      .update(`etalons:${w.annaCard.value}`)
      .digest('hex')
    const response = await client.get('/api/v1/offline-list').header('Authorization', w.bearerA)
    const list = JSON.parse(response.body().data.payload)
    assert.equal(list.hash.key_id, key.body().data.key_id)
    assert.isTrue(list.entries.some((entry: any) => entry.hash === hash))
  })

  test('a delta since a sequence carries exactly what changed, and then nothing', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const first = await listFor(client, w.bearerA)

    await db.from('person_identifiers').where('id', w.jurisEid.id).update({ status: 'blocked' })
    const annaSecond = await addIdentifier(w.anna.id, w.source.id, 'bank_token')
    const [result] = await new RefreshOfflineListsJob().handle({ tenantId: null })
    assert.deepEqual([result.changed, result.removed], [1, 1])

    const response = await client
      .get('/api/v1/offline-list')
      .qs({ since: first.sequence })
      .header('Authorization', w.bearerA)
    response.assertStatus(200)
    const delta = JSON.parse(response.body().data.payload)
    assert.equal(delta.kind, 'delta')
    assert.equal(delta.since, first.sequence)
    assert.isAbove(delta.sequence, first.sequence)
    assert.deepEqual(
      delta.entries.map((entry: any) => [entry.hash, entry.valid_from]),
      [[annaSecond.hash, '2025-03-01']]
    )
    assert.deepEqual(delta.removed, [
      {
        hash: w.jurisEid.hash,
        grantor: w.grantor.registrationNumber,
        benefit: w.benefit.code,
        valid_from: '2025-06-01',
      },
    ])

    // A refresh without changes stamps nothing new.
    const [again] = await new RefreshOfflineListsJob().handle({ tenantId: null })
    assert.deepEqual([again.changed, again.removed], [0, 0])
    const none = await listFor(client, w.bearerA, delta.sequence)
    assert.deepEqual([none.entries, none.removed, none.sequence], [[], [], delta.sequence])
  })

  test('an ended contract empties the list through removals', async ({ client, assert }) => {
    const w = await world()
    const first = await listFor(client, w.bearerA)
    await db.from('contracts').where('tenant_id', w.grantor.id).update({ status: 'ended' })
    await new RefreshOfflineListsJob().handle({ tenantId: null })
    const full = await listFor(client, w.bearerA)
    assert.deepEqual(full.entries, [])
    const delta = await listFor(client, w.bearerA, first.sequence)
    assert.lengthOf(delta.removed, 3)
  })

  test('the signature verifies, and fails when one byte of the saved list changes', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const response = await client.get('/api/v1/offline-list').header('Authorization', w.bearerA)
    const text = response.text()
    const trusted = publishedListKeys().map((key) => parseListKey(key.public_key, 'public'))
    const verified = verifyOfflineList(text, trusted)
    assert.isTrue(verified.ok)

    const at = text.indexOf(w.annaCard.hash) + 5
    const flipped = text.slice(0, at) + (text[at] === '0' ? '1' : '0') + text.slice(at + 1)
    assert.isFalse(verifyOfflineList(flipped, trusted).ok)

    const file = join(keyDir, 'list.json')
    ace.ui.switchMode('raw')
    writeFileSync(file, text)
    assert.equal(await verifyExitCode([file]), 0)
    writeFileSync(file, flipped)
    assert.equal(await verifyExitCode([file]), 1)
    // Given another key to trust, the genuine list fails too.
    const other = join(keyDir, 'other.pub.pem')
    writeFileSync(
      other,
      generateKeyPairSync('ed25519').publicKey.export({
        format: 'pem',
        type: 'spki',
      }) as string
    )
    writeFileSync(file, text)
    assert.equal(await verifyExitCode([file, `--public-key=${other}`]), 1)
  })

  test('after a key rotation new lists use the new key and old lists still verify', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const beforeResponse = await fetchList(client, w.bearerA)
    const before = beforeResponse.text()
    const { retired, current } = rotateListSigningKey()
    assert.notEqual(retired, current)
    assert.equal(statSync(join(keyDir, 'current.pem')).mode & 0o777, 0o600)

    const afterResponse = await fetchList(client, w.bearerA)
    const after = afterResponse.body().data as any
    assert.equal(after.signature.key_id, current)
    assert.equal(JSON.parse(before).data.signature.key_id, retired)

    const keysResponse = await client.get('/api/v1/offline-list/keys')
    const keys = keysResponse.body().data
    assert.deepEqual(
      keys.map((key: any) => [key.key_id, key.status]),
      [
        [current, 'current'],
        [retired, 'retired'],
      ]
    )
    const trusted = keys.map((key: any) => parseListKey(key.public_key, 'public'))
    assert.isTrue(verifyOfflineList(before, trusted).ok)
    assert.isTrue(verifyOfflineList(JSON.stringify(after), trusted).ok)
    const file = join(keyDir, 'old.json')
    writeFileSync(file, before)
    ace.ui.switchMode('raw')
    assert.equal(await verifyExitCode([file]), 0)
    assert.notInclude(
      readFileSync(join(keyDir, 'retired', `${retired}.pub.pem`), 'utf8'),
      'PRIVATE'
    )
  })

  test('another provider’s client never sees this provider’s list', async ({ client, assert }) => {
    const w = await world()
    const mine = await listFor(client, w.bearerA)
    const response = await client.get('/api/v1/offline-list').header('Authorization', w.bearerB)
    response.assertStatus(200)
    const theirs = JSON.parse(response.body().data.payload)
    assert.deepEqual([theirs.entries, theirs.removed, theirs.sequence], [[], [], 0])
    assert.notInclude(response.text(), w.annaCard.hash)
    // Nor a delta from a sequence of this provider's list.
    const delta = await client
      .get('/api/v1/offline-list')
      .qs({ since: mine.sequence })
      .header('Authorization', w.bearerB)
    delta.assertStatus(422)
    assert.notInclude(delta.text(), w.annaCard.hash)
  })

  test('the list needs the offline-list:read scope and a valid since', async ({ client }) => {
    const w = await world()
    const provider = await makeTenant({ kind: 'service_provider' })
    const { client: other } = await makeApiClient(provider, { scopes: ['decisions:write'] })
    const forbidden = await client
      .get('/api/v1/offline-list')
      .header('Authorization', await bearerFor(other))
    forbidden.assertStatus(403)
    const anonymous = await client.get('/api/v1/offline-list')
    anonymous.assertStatus(401)
    const invalid = await client
      .get('/api/v1/offline-list')
      .qs({ since: 'yesterday' })
      .header('Authorization', w.bearerA)
    invalid.assertStatus(422)
    invalid.assertBodyContains({ errors: [{ field: 'since' }] })
  })
})
