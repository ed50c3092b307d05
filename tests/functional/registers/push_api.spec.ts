import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import queue from '#platform/services/queue'
import IncrementalJob from '#entitlements/jobs/incremental_job'
import { personalCodeHash } from '#registers/personal_code_protection'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from '../api/fixtures.js'
import { countRows, makeSource } from './import_support.js'
import {
  ANNA,
  JANIS,
  anna,
  changeLogCount,
  emptyPushState,
  janis,
  sourceWithClient,
} from './push_support.js'

const URL = (code: string) => `/api/v1/registers/${code}/changes`

async function factsOf(code: string) {
  return db
    .from('facts as f')
    .join('persons as p', 'p.id', 'f.person_id')
    .where('p.code_hash', personalCodeHash(code))
    .orderBy(['f.attribute', 'f.valid_from'])
    .select(
      'f.attribute',
      'f.value',
      db.raw('f.valid_from::text AS valid_from'),
      db.raw('f.valid_to::text AS valid_to'),
      'f.retracted_at'
    )
}

/** The person's facts as tuples of the fields; `active` = not retracted. */
async function factTuples(code: string, fields: string[]) {
  const rows = await factsOf(code)
  return rows.map((row: Record<string, unknown>) =>
    fields.map((field) => (field === 'active' ? row.retracted_at === null : row[field]))
  )
}

test.group('Register push API / authentication', (group) => {
  group.each.setup(async () => {
    await emptyPushState()
    return () => emptyPushState()
  })

  test('a request without a token is refused with 401', async ({ client }) => {
    await makeSource()
    const response = await client.post(URL('pmlp')).json({ mode: 'delta', persons: [janis] })
    response.assertStatus(401)
    response.assertBodyContains({ errors: [{ code: 'unauthorized' }] })
  })

  test('a token without registers:write is refused with 403', async ({ client }) => {
    await makeSource()
    const tenant = await makeTenant()
    const { client: tenantClient } = await makeApiClient(tenant, { scopes: ['catalogue:read'] })
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', await bearerFor(tenantClient))
      .json({ mode: 'delta', persons: [janis] })
    response.assertStatus(403)
  })

  test("another source's client is refused with 403 and nothing is written", async ({
    client,
    assert,
  }) => {
    await makeSource({ code: 'pmlp' })
    const other = await sourceWithClient({
      code: 'vdeavk',
      allowedAttributes: ['disability.group'],
    })
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', other.authorization)
      .json({ mode: 'delta', persons: [janis] })
    response.assertStatus(403)
    response.assertBodyContains({ errors: [{ code: 'forbidden' }] })
    assert.equal(await countRows('persons'), 0)
    assert.equal(await countRows('register_imports'), 0)
  })

  test('an unknown source answers 404', async ({ client }) => {
    const { authorization } = await sourceWithClient()
    const response = await client
      .post(URL('no-such-source'))
      .header('Authorization', authorization)
      .json({ mode: 'delta', persons: [janis] })
    response.assertStatus(404)
    response.assertBodyContains({ errors: [{ code: 'not_found' }] })
  })
})

test.group('Register push API / applying batches', (group) => {
  group.each.setup(async () => {
    await emptyPushState()
    return () => emptyPushState()
  })

  test('persons and facts are applied once and answered with the counts', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const fake = queue.fake()
    try {
      const response = await client
        .post(URL('pmlp'))
        .header('Authorization', authorization)
        .json({
          mode: 'delta',
          persons: [janis, anna],
          facts: [
            {
              personal_code: JANIS,
              attribute: 'residence.municipality',
              value: 'Rīga',
              valid_from: '2022-01-01',
            },
            {
              personal_code: ANNA,
              attribute: 'disability.group',
              value: 'II',
              valid_from: '2020-05-01',
              valid_to: null,
            },
          ],
        })
      response.assertStatus(200)
      response.assertBodyContains({ accepted: 4, unchanged: 0, rejected: [] })
      assert.isNumber(response.body().import_id)
      fake.assertDispatchedCount(IncrementalJob, 1)
    } finally {
      queue.restore()
    }
    assert.equal(await countRows('persons'), 2)
    assert.deepEqual(await factTuples(ANNA, ['attribute', 'value', 'valid_from', 'valid_to']), [
      ['disability.group', 'II', '2020-05-01', null],
    ])
    const imported = await db.from('register_imports').firstOrFail()
    assert.equal(imported.origin, 'api')
    assert.equal(imported.status, 'succeeded')
  })

  test('an accepted batch announces registers:facts_changed with its change-log cursor; an unchanged one announces nothing', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const body = { mode: 'delta', persons: [janis, anna] }
    const events = emitter.fake(['registers:facts_changed'])
    try {
      const first = await client.post(URL('pmlp')).header('Authorization', authorization).json(body)
      first.assertBodyContains({ accepted: 2 })
      const logged = await db.from('change_log').select('id').orderBy('id', 'desc')
      assert.isAbove(logged.length, 0)
      events.assertEmittedCount('registers:facts_changed', 1)
      events.assertEmitted(
        'registers:facts_changed',
        ({ data }) =>
          data.source === 'push' &&
          data.changeLogEntries === logged.length &&
          data.cursor === String(logged[0].id)
      )

      const again = await client.post(URL('pmlp')).header('Authorization', authorization).json(body)
      again.assertBodyContains({ accepted: 0, unchanged: 2 })
      events.assertEmittedCount('registers:facts_changed', 1)
    } finally {
      emitter.restore()
    }
  })

  test('pushing the same batch again answers everything unchanged and logs nothing', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const body = {
      mode: 'delta',
      persons: [janis],
      facts: [
        {
          personal_code: JANIS,
          attribute: 'pension.old_age',
          value: true,
          valid_from: '2040-11-16',
        },
      ],
    }
    const first = await client.post(URL('pmlp')).header('Authorization', authorization).json(body)
    first.assertBodyContains({ accepted: 2, unchanged: 0, rejected: [] })
    const logged = await changeLogCount()

    const fake = queue.fake()
    try {
      const second = await client
        .post(URL('pmlp'))
        .header('Authorization', authorization)
        .json(body)
      second.assertStatus(200)
      second.assertBodyContains({ accepted: 0, unchanged: 2, rejected: [] })
      fake.assertNotDispatched(IncrementalJob)
    } finally {
      queue.restore()
    }
    assert.equal(await changeLogCount(), logged)
    assert.equal(await countRows('facts'), 1)
  })

  test('an attribute the source is not registered for is rejected with its index and reason', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient({
      code: 'vdeavk',
      allowedAttributes: ['disability.group'],
      deliversPersons: false,
    })
    const pmlp = await makeSource({ code: 'pmlp' })
    const { client: pmlpClient } = await makeApiClient({ dataSourceId: pmlp.id })
    await client
      .post(URL('pmlp'))
      .header('Authorization', await bearerFor(pmlpClient))
      .json({ mode: 'delta', persons: [janis] })
      .then((r) => r.assertStatus(200))

    const response = await client
      .post(URL('vdeavk'))
      .header('Authorization', authorization)
      .json({
        mode: 'delta',
        facts: [
          {
            personal_code: JANIS,
            attribute: 'disability.group',
            value: 'I',
            valid_from: '2021-01-01',
          },
          {
            personal_code: JANIS,
            attribute: 'status.repressed',
            value: 'true',
            valid_from: '1990-01-01',
          },
        ],
      })
    response.assertStatus(200)
    response.assertBodyContains({
      accepted: 1,
      unchanged: 0,
      rejected: [{ index: 1, kind: 'facts', field: 'attribute', reason: 'attribute_not_allowed' }],
    })
    assert.deepEqual(await factTuples(JANIS, ['attribute']), [['disability.group']])
  })

  test('persons from a source that does not deliver persons are each rejected', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient({
      code: 'vdeavk',
      allowedAttributes: ['disability.group'],
      deliversPersons: false,
    })
    const response = await client
      .post(URL('vdeavk'))
      .header('Authorization', authorization)
      .json({ mode: 'delta', persons: [janis, anna] })
    response.assertStatus(200)
    response.assertBodyContains({
      accepted: 0,
      rejected: [
        { index: 0, kind: 'persons', field: null, reason: 'file_not_allowed' },
        { index: 1, kind: 'persons', field: null, reason: 'file_not_allowed' },
      ],
    })
    assert.equal(await countRows('persons'), 0)
  })

  test('bad rows are reported with index, field and reason while good rows apply', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', authorization)
      .header('Accept-Language', 'en')
      .json({
        mode: 'delta',
        persons: [
          janis,
          { ...anna, personal_code: '161175-19990' },
          { ...anna, personal_code: '310299-12345' },
          { ...anna, given_names: { first: 'Anna' } },
        ],
        facts: [
          {
            personal_code: JANIS,
            attribute: 'disability.group',
            value: 'IV',
            valid_from: '2020-01-01',
          },
          {
            personal_code: JANIS,
            attribute: 'residence.municipality',
            value: 'Rīga',
            valid_from: '2024-01-01',
            valid_to: '2023-01-01',
          },
          {
            personal_code: JANIS,
            attribute: 'residence.municipality',
            value: 'Atlantīda',
            valid_from: '2024-01-01',
          },
          { personal_code: JANIS, attribute: 'shoe.size', value: '42', valid_from: '2024-01-01' },
          {
            personal_code: ANNA,
            attribute: 'disability.group',
            value: 'I',
            valid_from: '2020-01-01',
          },
          {
            personal_code: JANIS,
            attribute: 'disability.group',
            value: 'II',
            valid_from: '2020-01-01',
          },
        ],
      })
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.accepted, 2)
    const rejected = body.rejected.map((r: any) => [r.kind, r.index, r.field, r.reason])
    assert.deepEqual(rejected, [
      ['persons', 1, 'personal_code', 'bad_check_digit'],
      ['persons', 2, 'personal_code', 'impossible_date'],
      ['persons', 3, 'given_names', 'not_a_string'],
      ['facts', 0, 'value', 'value_not_allowed'],
      ['facts', 1, 'valid_to', 'period_order'],
      ['facts', 2, 'value', 'unknown_municipality'],
      ['facts', 3, 'attribute', 'unknown_attribute'],
      ['facts', 4, 'personal_code', 'unknown_person'],
    ])
    assert.isString(body.rejected[0].message)
    assert.notEqual(body.rejected[0].message, 'bad_check_digit')
  })

  test('residence history is accepted in NFC and a misspelt municipality is explained', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const residence = (value: string, from: string, to?: string) => ({
      personal_code: JANIS,
      attribute: 'residence.municipality',
      value,
      valid_from: from,
      valid_to: to,
    })
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', authorization)
      .header('Accept-Language', 'lv')
      .json({
        mode: 'delta',
        persons: [janis],
        facts: [
          residence('Rīga', '2000-01-01', '2014-12-31'),
          residence('Ķekavas novads'.normalize('NFD'), '2015-01-01'),
          residence('Riga', '2000-01-01'),
        ],
      })
    response.assertStatus(200)
    const body = response.body()
    assert.equal(body.accepted, 3)
    assert.deepEqual(body.rejected, [
      {
        index: 2,
        kind: 'facts',
        field: 'value',
        reason: 'unknown_municipality',
        message: 'Nezināma pašvaldība «Riga»; vai domājāt «Rīga»?',
      },
    ])
    const stored = await factTuples(JANIS, ['value', 'valid_from'])
    assert.deepEqual(stored, [
      ['Rīga', '2000-01-01'],
      ['Ķekavas novads', '2015-01-01'],
    ])
  })

  test('a snapshot ends the facts it no longer holds; a delta keeps them', async ({
    client,
    assert,
  }) => {
    const { authorization } = await sourceWithClient()
    const push = (body: Record<string, unknown>) =>
      client.post(URL('pmlp')).header('Authorization', authorization).json(body)
    const groupFact = (value: string, from: string) => ({
      personal_code: JANIS,
      attribute: 'disability.group',
      value,
      valid_from: from,
    })
    const initial = await push({
      mode: 'delta',
      persons: [janis],
      facts: [groupFact('III', '2015-01-01'), groupFact('II', '2030-01-01')],
    })
    initial.assertStatus(200)

    const delta = await push({ mode: 'delta', facts: [groupFact('III', '2015-01-01')] })
    delta.assertBodyContains({ accepted: 0, unchanged: 1 })
    assert.deepEqual(await factTuples(JANIS, ['value', 'valid_to', 'active']), [
      ['III', null, true],
      ['II', null, true],
    ])

    const snapshot = await push({
      mode: 'snapshot',
      batch_date: '2026-09-01',
      facts: [groupFact('I', '2026-09-01')],
    })
    snapshot.assertBodyContains({ accepted: 1, rejected: [] })
    assert.deepEqual(await factTuples(JANIS, ['value', 'valid_from', 'valid_to', 'active']), [
      ['III', '2015-01-01', '2026-08-31', true],
      ['I', '2026-09-01', null, true],
      ['II', '2030-01-01', null, false],
    ])
  })

  test('the envelope is validated: a missing mode answers 422 with the field', async ({
    client,
  }) => {
    const { authorization } = await sourceWithClient()
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', authorization)
      .json({ persons: [janis] })
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ code: 'validation_failed', field: 'mode' }] })
  })

  test('more than 10 000 rows in one call answers 413', async ({ client, assert }) => {
    const { authorization } = await sourceWithClient()
    const fact = {
      personal_code: JANIS,
      attribute: 'disability.group',
      value: 'I',
      valid_from: '2020-01-01',
    }
    const response = await client
      .post(URL('pmlp'))
      .header('Authorization', authorization)
      .json({ mode: 'delta', persons: [janis], facts: Array.from({ length: 10_000 }, () => fact) })
    response.assertStatus(413)
    response.assertBodyContains({ errors: [{ code: 'too_many_rows' }] })
    assert.equal(await countRows('register_imports'), 0)
  })

  test('the push endpoint is described in the OpenAPI document', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const operation = response.body().paths['/registers/{source}/changes'].post
    assert.deepEqual(operation['x-required-scopes'], ['registers:write'])
    assert.property(operation.responses, '413')
    assert.property(response.body().components.schemas, 'RegisterChangesResult')
  })
})
