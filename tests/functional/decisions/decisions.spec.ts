import { test } from '@japa/runner'
import { hashIdentifier } from '#registers/import/keyed_hash'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient as HttpClient } from '@japa/api-client'
import { verifyDecision } from '#decisions/decision_token'
import { stopDecisionIndex } from '#decisions/live_index'
import RecordDecision from '#entitlements/actions/record_decision'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { addIdentifier, pointOfUseWorld } from './fixtures.js'

type World = Awaited<ReturnType<typeof pointOfUseWorld>>

function decide(
  client: HttpClient,
  authorization: string,
  body: { identifier: { type: string; value: string }; service: string; at: string }
) {
  return client
    .post('/api/v1/decisions')
    .header('Authorization', authorization)
    .header('Accept-Language', 'en')
    .json(body)
}

const pupilOnBus = (_w: World) => ({
  identifier: { type: 'etalons', value: 'ET-PUPIL-0001' },
  service: 'rs.single',
  at: '2026-03-02T07:45:00+02:00',
})
const adultOnTrain = (at: string) => ({
  identifier: { type: 'honour_card', value: 'GG-000123' },
  service: 'pv.single_regional',
  at,
})

/**
 * Makes a change, then asks until the answer is the awaited one or a second has passed:
 * answers the last answer and the milliseconds since the change began.
 */
async function answerWithinASecond<T>(
  ask: () => Promise<T>,
  awaited: (answer: T) => boolean,
  change: () => Promise<unknown>
) {
  const started = performance.now()
  await change()
  let answer = await ask()
  while (!awaited(answer) && performance.now() - started < 1000) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    answer = await ask()
  }
  return { answer, ms: performance.now() - started }
}

test.group('Decisions: POST /api/v1/decisions', (group) => {
  group.each.setup(async () => {
    const rollback = await testUtils.db().withGlobalTransaction()
    return async () => {
      await stopDecisionIndex()
      await rollback()
    }
  })

  test("a Riga pupil's e-talons on a Riga bus: free (100 %)", async ({ client, assert }) => {
    const w = await pointOfUseWorld()
    const response = await decide(client, w.rs.authorization, pupilOnBus(w))
    response.assertStatus(200)
    const body = response.body()
    assert.deepEqual(body.benefit, {
      code: 'riga.pupils',
      name: 'Pupils (grades 1–12)',
      grantor: 'Rīgas valstspilsētas pašvaldība',
      discount_percent: 100,
    })
    assert.equal(body.valid_until, '2026-03-02T22:00:00Z')
    const claims = verifyDecision(body.decision_id)!
    assert.equal(claims.provider, w.tenants.rs.id)
    assert.equal(claims.service, 'rs.single')
    assert.deepEqual(claims.benefit, {
      code: 'riga.pupils',
      versionId: w.benefits.pupils.version.id,
      grantorTenantId: w.tenants.riga.id,
    })
  })

  test('an Honour Family adult on a regional train: 50 %; on 18 November: free', async ({
    client,
    assert,
  }) => {
    const w = await pointOfUseWorld()
    const ordinary = await decide(client, w.pv.authorization, adultOnTrain('2026-03-02T08:00:00Z'))
    ordinary.assertStatus(200)
    assert.equal(ordinary.body().benefit.code, 'atd.honour_adults')
    assert.equal(ordinary.body().benefit.discount_percent, 50)

    const holiday = await decide(
      client,
      w.pv.authorization,
      adultOnTrain('2026-11-18T10:00:00+02:00')
    )
    assert.equal(holiday.body().benefit.code, 'atd.honour_holidays')
    assert.equal(holiday.body().benefit.discount_percent, 100)
    // 18 November in Riga begins at 22:00 UTC on the 17th.
    const eve = await decide(client, w.pv.authorization, adultOnTrain('2026-11-17T22:30:00Z'))
    assert.equal(eve.body().benefit.code, 'atd.honour_holidays')
  })

  test('a blocked card, an unknown card and a benefit without a contract: none', async ({
    client,
    assert,
  }) => {
    const w = await pointOfUseWorld()
    const blocked = await decide(client, w.pv.authorization, {
      identifier: { type: 'etalons', value: 'ET-BLOCKED-0002' },
      service: 'pv.single_regional',
      at: '2026-03-02T08:00:00Z',
    })
    blocked.assertStatus(200)
    assert.isNull(blocked.body().benefit)
    assert.isNull(verifyDecision(blocked.body().decision_id)!.benefit)

    const unknown = await decide(client, w.pv.authorization, {
      identifier: { type: 'etalons', value: 'NEVER-ISSUED' },
      service: 'pv.single_regional',
      at: '2026-03-02T08:00:00Z',
    })
    unknown.assertStatus(200)
    assert.isNull(unknown.body().benefit)

    // The adult is entitled to the state's benefits, but no contract covers Rīgas satiksme.
    const noContract = await decide(client, w.rs.authorization, {
      identifier: { type: 'honour_card', value: 'GG-000123' },
      service: 'rs.single',
      at: '2026-03-02T08:00:00Z',
    })
    assert.isNull(noContract.body().benefit)
  })

  test("another provider's client cannot decide on this provider's services", async ({
    client,
    assert,
  }) => {
    const w = await pointOfUseWorld()
    const foreign = await decide(client, w.pv.authorization, pupilOnBus(w))
    const unknown = await decide(client, w.rs.authorization, {
      ...pupilOnBus(w),
      service: 'rs.no_such_service',
    })
    foreign.assertStatus(422)
    unknown.assertStatus(422)
    assert.deepEqual(foreign.body().errors, unknown.body().errors)
    assert.equal(foreign.body().errors[0].code, 'unknown_service')
  })

  test('a decision never reveals a personal attribute or why the person is entitled', async ({
    client,
    assert,
  }) => {
    const w = await pointOfUseWorld()
    const person = await db.from('persons').where('id', w.pupil.id).firstOrFail()
    const response = await decide(client, w.rs.authorization, pupilOnBus(w))
    const claims = verifyDecision(response.body().decision_id)!
    const everything = JSON.stringify(response.body()) + JSON.stringify(claims)
    for (const secret of [
      w.pupil.code,
      person.code_hash,
      person.given_names,
      person.surname,
      '2013',
      'age',
      'explanation',
      'ET-PUPIL',
    ]) {
      assert.notInclude(everything, secret)
    }
    assert.sameMembers(Object.keys(response.body()), ['decision_id', 'benefit', 'valid_until'])
    assert.sameMembers(Object.keys(response.body().benefit), [
      'code',
      'name',
      'grantor',
      'discount_percent',
    ])
    assert.sameMembers(Object.keys(claims), [
      'jti',
      'client',
      'provider',
      'service',
      'at',
      'benefit',
    ])
    assert.notMatch(everything, /person|birth|code_hash/i)
  })

  test('a change reaches the index within a second', async ({ client, assert }) => {
    const w = await pointOfUseWorld()
    const pupilAnswer = async () => {
      const response = await decide(client, w.rs.authorization, pupilOnBus(w))
      return response.body().benefit?.code ?? null
    }
    const newCardAnswer = async () => {
      const response = await decide(client, w.pv.authorization, {
        identifier: { type: 'etalons', value: 'ET-NEW-0003' },
        service: 'pv.single_regional',
        at: '2026-03-02T08:00:00Z',
      })
      return response.body().benefit?.code ?? null
    }
    assert.equal(await pupilAnswer(), 'riga.pupils')

    // A grantor's manual revocation: the engine writes and announces entitlements:changed.
    const revoked = await answerWithinASecond(
      pupilAnswer,
      (code) => code === null,
      () =>
        new RecordDecision().handle({
          tenantId: w.tenants.riga.id,
          personId: w.pupil.id,
          benefitCode: 'riga.pupils',
          kind: 'revoke',
          validFrom: '2026-01-01',
          reason: 'Moved away from Riga',
        })
    )
    assert.isNull(revoked.answer)
    assert.isBelow(revoked.ms, 1000)

    // A new means of the adult (the register import's change log): found by the poll alone.
    const added = await answerWithinASecond(
      newCardAnswer,
      (code) => code !== null,
      () => addIdentifier(w.adult.id, w.source.id, 'etalons', 'ET-NEW-0003')
    )
    assert.equal(added.answer, 'atd.honour_adults')
    assert.isBelow(added.ms, 1000)

    // The issuer blocks that card on screen (a hold): it stops applying within a second.
    const means = await db
      .from('person_identifiers')
      .where('value_hash', hashIdentifier('etalons', 'ET-NEW-0003'))
      .firstOrFail()
    const blocked = await answerWithinASecond(
      newCardAnswer,
      (code) => code === null,
      () =>
        db.table('identifier_holds').insert({
          identifier_id: means.id,
          status: 'blocked',
          reason: 'lost',
          created_at: new Date(),
        })
    )
    assert.isNull(blocked.answer)
    assert.isBelow(blocked.ms, 1000)
  })

  test('a client without the scope, and a grantor, are refused', async ({ client }) => {
    const w = await pointOfUseWorld()
    const { client: readOnly } = await makeApiClient(w.tenants.rs, { scopes: ['services:read'] })
    const response = await decide(client, await bearerFor(readOnly), pupilOnBus(w))
    response.assertStatus(403)
    const { client: grantor } = await makeApiClient(await makeTenant(), {
      scopes: ['catalogue:read'],
    })
    const asGrantor = await decide(client, await bearerFor(grantor), pupilOnBus(w))
    asGrantor.assertStatus(403)
  })
})

test.group('Decisions: GET /api/v1/services', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a provider's client reads its own services only", async ({ client, assert }) => {
    const w = await pointOfUseWorld()
    const response = await client
      .get('/api/v1/services')
      .header('Authorization', w.rs.authorization)
    response.assertStatus(200)
    assert.deepEqual(response.body().data, [
      {
        code: 'rs.single',
        name_lv: 'rs.single',
        name_en: 'rs.single',
        sector: 'transport',
        base_price_cents: 150,
      },
    ])
    const other = await client.get('/api/v1/services').header('Authorization', w.pv.authorization)
    assert.deepEqual(
      other.body().data.map((s: { code: string }) => s.code),
      ['pv.single_regional']
    )
  })
})
