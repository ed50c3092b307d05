import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { newDecisionJti, signDecision } from '#decisions/decision_token'
import { runInTenant } from '#platform/database/tenant_scope'
import { withRawClient } from '#platform/database/raw_connection'
import { ensurePartitions, forgetPartitions } from '#transactions/partitions'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { makeCardHolder, makeService, storedRows, transactionsWorld, usage } from './fixtures.js'

type World = Awaited<ReturnType<typeof transactionsWorld>>

const DAY = 24 * 60 * 60 * 1000
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

function decisionFor(world: World, benefit: { code: string; versionId: number } | null) {
  return signDecision({
    jti: newDecisionJti(),
    client: world.client.id,
    provider: world.provider.id,
    service: world.bus.code,
    at: new Date().toISOString(),
    benefit: benefit && {
      code: benefit.code,
      versionId: benefit.versionId,
      grantorTenantId: world.grantor.id,
    },
  })
}

test.group('Transactions API: a provider sends usage', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('stores a batch once: a resend answers duplicate and writes nothing', async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const batch = [1, 2, 3].map(() => usage({ service: world.bus.code }))
    const first = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: batch })
    first.assertStatus(200)
    assert.deepEqual(first.body().meta, { accepted: 3, duplicate: 0, rejected: 0 })
    assert.deepEqual(
      first.body().data.map((r: any) => [r.id, r.status]),
      batch.map((t) => [t.id, 'accepted'])
    )

    const again = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: [...batch, batch[0]] })
    again.assertStatus(200)
    assert.deepEqual(again.body().meta, { accepted: 0, duplicate: 4, rejected: 0 })
    assert.lengthOf(await storedRows(world.provider.id), 3)
  })

  test('rejects an invalid item alone, with its field, and keeps the others', async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const good = usage({ service: world.bus.code })
    const response = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .header('Accept-Language', 'en')
      .json({
        transactions: [
          good,
          usage({ service: world.bus.code, at: 'yesterday' }),
          usage({ service: 'no.such.service' }),
          { id: 'x' },
        ],
      })
    response.assertStatus(200)
    const [ok, badTime, unknownService, empty] = response.body().data
    assert.equal(ok.status, 'accepted')
    assert.equal(badTime.status, 'rejected')
    assert.deepInclude(
      badTime.errors.map((e: any) => e.field),
      'at'
    )
    assert.equal(unknownService.errors[0].code, 'unknown_service')
    assert.match(unknownService.errors[0].message, /no service with this code/)
    assert.equal(empty.id, 'x')
    assert.includeMembers(
      empty.errors.map((e: any) => e.field),
      ['service', 'at', 'full_price_cents', 'charged_price_cents']
    )
    assert.lengthOf(await storedRows(world.provider.id), 1)
  })

  test('refuses an empty batch, a batch over 10 000 and a client without the scope', async ({
    client,
  }) => {
    const world = await transactionsWorld()
    await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: [] })
      .then((r) => r.assertStatus(422))
    const tooMany = Array.from({ length: 10_001 }, (_, i) => ({ id: String(i) }))
    await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: tooMany })
      .then((r) => r.assertStatus(422))

    const { client: decider } = await makeApiClient(world.provider, { scopes: ['decisions:write'] })
    await client
      .post('/api/v1/transactions')
      .header('Authorization', await bearerFor(decider))
      .json({ transactions: [usage({ service: world.bus.code })] })
      .then((r) => r.assertStatus(403))
    await client
      .post('/api/v1/transactions')
      .json({ transactions: [usage({ service: world.bus.code })] })
      .then((r) => r.assertStatus(401))
  })

  test('flags what the entitlements valid at the time do not support', async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const stranger = await makeCardHolder()
    const service = world.bus.code
    const pupil = world.pupil.card
    const cases = {
      fine: usage({ service, identifier: pupil, charged_price_cents: 0 }),
      fineByPriority: usage({ service, identifier: pupil, charged_price_cents: 0 }),
      otherBenefit: usage({
        service,
        identifier: pupil,
        benefit_code: world.half.code,
        charged_price_cents: 75,
      }),
      noEntitlement: usage({ service, identifier: stranger.card, charged_price_cents: 0 }),
      unknownCard: usage({
        service,
        identifier: { type: 'etalons', value: 'NOPE' },
        charged_price_cents: 75,
      }),
      priceMismatch: usage({
        service,
        identifier: pupil,
        benefit_code: world.free.code,
        charged_price_cents: 50,
      }),
      fullPrice: usage({ service, identifier: stranger.card }),
      late: usage({ service, at: iso(Date.now() - 8 * DAY) }),
      decided: usage({
        service,
        decision_id: decisionFor(world, world.half),
        charged_price_cents: 75,
      }),
      decidedNone: usage({
        service,
        decision_id: decisionFor(world, null),
        charged_price_cents: 75,
      }),
      decidedOther: usage({
        service,
        decision_id: decisionFor(world, world.half),
        benefit_code: world.free.code,
        charged_price_cents: 0,
      }),
      beforeEntitlement: usage({
        service,
        identifier: pupil,
        charged_price_cents: 0,
        at: '2019-06-01T10:00:00Z',
      }),
    }
    const response = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: Object.values(cases) })
    response.assertStatus(200)
    const flags = Object.fromEntries(
      Object.keys(cases).map((name, i) => [name, response.body().data[i].flags])
    )
    assert.deepEqual(flags, {
      fine: [],
      fineByPriority: [],
      otherBenefit: ['other_benefit'],
      noEntitlement: ['no_entitlement'],
      unknownCard: ['no_entitlement'],
      priceMismatch: ['price_mismatch'],
      fullPrice: [],
      late: ['late_arrival'],
      decided: [],
      decidedNone: ['no_entitlement'],
      decidedOther: ['other_benefit'],
      beforeEntitlement: ['no_entitlement', 'late_arrival'],
    })

    const rows = await storedRows(world.provider.id)
    const fine = rows.find((r) => r.external_id === cases.fine.id)!
    assert.equal(fine.person_id, world.pupil.personId)
    assert.equal(fine.benefit_id, world.free.id)
    assert.equal(fine.grantor_tenant_id, world.grantor.id)
    assert.equal(fine.expected_price_cents, 0)
    assert.lengthOf(fine.identifier_hash, 64)
    assert.notProperty(fine, 'identifier_value')
    const decided = rows.find((r) => r.external_id === cases.decided.id)!
    assert.equal(decided.benefit_id, world.half.id)
    assert.isString(decided.decision_jti)
  })

  test('a correction and a reversal are new rows that reference the original', async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const service = world.bus.code
    const original = usage({ service })
    await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: [original] })
      .then((r) => r.assertStatus(200))

    const inBatch = usage({ service })
    const response = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({
        transactions: [
          usage({ service, corrects: original.id, charged_price_cents: 100 }),
          inBatch,
          usage({ service, corrects: inBatch.id, kind: 'reversal' }),
          usage({ service, corrects: 'never-sent' }),
          usage({ service, kind: 'reversal' }),
          usage({ service, kind: 'usage', corrects: original.id }),
        ],
      })
    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.map((r: any) => r.errors?.[0].code ?? r.status),
      [
        'accepted',
        'accepted',
        'accepted',
        'unknown_original',
        'missing_original',
        'usage_cannot_correct',
      ]
    )

    const rows = await storedRows(world.provider.id)
    const byExternal = new Map(rows.map((r) => [r.external_id, r]))
    const stored = byExternal.get(original.id)!
    const correction = rows.find((r) => r.kind === 'correction')!
    assert.equal(correction.corrects_id, stored.id)
    assert.equal(correction.corrects_external_id, original.id)
    assert.equal(correction.charged_price_cents, 100)
    assert.equal(stored.charged_price_cents, 150, 'the original is left as it was')
    const reversal = rows.find((r) => r.kind === 'reversal')!
    assert.equal(reversal.corrects_id, byExternal.get(inBatch.id)!.id)
  })

  test("another provider's client neither sees nor affects this provider's transactions", async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const other = await makeTenant({ kind: 'service_provider' })
    const otherBus = await makeService(other, world.bus.code)
    const { client: otherClient } = await makeApiClient(other, { scopes: ['transactions:write'] })
    const mine = usage({ service: world.bus.code })
    await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: [mine] })
      .then((r) => r.assertStatus(200))

    // The same id from another provider is that provider's own transaction; citing ours or our
    // decisions gets it nowhere.
    const response = await client
      .post('/api/v1/transactions')
      .header('Authorization', await bearerFor(otherClient))
      .json({
        transactions: [
          usage({ id: mine.id, service: otherBus.code }),
          usage({ service: otherBus.code, corrects: 'nothing', kind: 'reversal' }),
          usage({ service: otherBus.code, corrects: mine.id + '-x' }),
          usage({ service: otherBus.code, decision_id: decisionFor(world, world.free) }),
        ],
      })
    response.assertStatus(200)
    assert.deepEqual(
      response.body().data.map((r: any) => r.errors?.[0].code ?? r.status),
      ['accepted', 'unknown_original', 'unknown_original', 'invalid_decision']
    )
    const corrected = await client
      .post('/api/v1/transactions')
      .header('Authorization', await bearerFor(otherClient))
      .json({ transactions: [usage({ service: otherBus.code, corrects: mine.id })] })
    // It corrects its own transaction with that id, never ours.
    const theirs = await storedRows(other.id)
    const ownOriginal = theirs.find((r) => r.external_id === mine.id)!
    const correction = theirs.find((r) => r.kind === 'correction')!
    assert.equal(corrected.body().data[0].status, 'accepted')
    assert.equal(correction.corrects_id, ownOriginal.id)

    const ours = await storedRows(world.provider.id)
    assert.lengthOf(ours, 1)
    assert.equal(ours[0].charged_price_cents, 150)

    // The database wall: in the other provider's scope, none of ours is visible.
    const seen = await runInTenant(other.id, () =>
      db.from('usage_transactions').where('tenant_id', world.provider.id).count('* as n')
    )
    assert.equal(Number(seen[0].n), 0)
    const keys = await runInTenant(other.id, () =>
      db.from('usage_transaction_keys').where('tenant_id', world.provider.id).count('* as n')
    )
    assert.equal(Number(keys[0].n), 0)
  })

  test('partitions are made for far past months on demand and ahead of time', async ({
    client,
    assert,
  }) => {
    const world = await transactionsWorld()
    const response = await client
      .post('/api/v1/transactions')
      .header('Authorization', world.bearer)
      .json({ transactions: [usage({ service: world.bus.code, at: '2003-02-14T09:00:00+02:00' })] })
    response.assertStatus(200)
    assert.equal(response.body().data[0].status, 'accepted')
    assert.deepEqual(response.body().data[0].flags, ['late_arrival'])

    forgetPartitions()
    await withRawClient((raw) => ensurePartitions(raw, [new Date('2091-11-30T23:59:59Z')]))
    const partitions = await db.rawQuery(
      `SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound, c.relrowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'usage_transactions'::regclass
          AND c.relname IN ('usage_transactions_2003_02', 'usage_transactions_2091_11')
        ORDER BY 1`
    )
    assert.deepEqual(
      partitions.rows.map((r: any) => [r.relname, r.relrowsecurity, r.policies]),
      [
        ['usage_transactions_2003_02', true, 1],
        ['usage_transactions_2091_11', true, 1],
      ]
    )
    assert.include(partitions.rows[0].bound, '2003-02-01')
    // The partition keeps the wall when named directly.
    const seen = await runInTenant(world.grantor.id, () =>
      db.rawQuery(`SELECT count(*)::int AS n FROM usage_transactions_2003_02`)
    )
    assert.equal(seen.rows[0].n, 0)
    assert.lengthOf(await storedRows(world.provider.id), 1)
  })
})
