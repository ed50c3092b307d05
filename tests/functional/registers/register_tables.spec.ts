import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { encryptPersonalCode, personalCodeHash } from '#registers/personal_code_protection'

async function personWithSource() {
  const now = new Date()
  const [source] = await db
    .table('data_sources')
    .insert({
      code: 'pmlp',
      name: 'Register of Natural Persons',
      allowed_attributes: JSON.stringify(['residence.municipality']),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  const [person] = await db
    .table('persons')
    .insert({
      code_hash: personalCodeHash('161175-19997'),
      code_encrypted: encryptPersonalCode('161175-19997'),
      given_names: 'Jānis',
      surname: 'Bērziņš',
      birth_date: '1975-11-16',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
  return { sourceId: source.id, personId: person.id, now }
}

test.group('Register tables', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('store a fact once per person, attribute, value, start and source', async ({ assert }) => {
    const { sourceId, personId, now } = await personWithSource()
    const fact = {
      person_id: personId,
      attribute: 'residence.municipality',
      value: 'Rīga',
      valid_from: '2021-07-01',
      data_source_id: sourceId,
      received_at: now,
    }
    await db.table('facts').insert(fact)
    await assert.rejects(() => db.table('facts').insert(fact))
  })

  test('refuse a fact that ends before it starts', async ({ assert }) => {
    const { sourceId, personId, now } = await personWithSource()
    await assert.rejects(() =>
      db.table('facts').insert({
        person_id: personId,
        attribute: 'disability.group',
        value: 'II',
        valid_from: '2024-05-01',
        valid_to: '2024-04-30',
        data_source_id: sourceId,
        received_at: now,
      })
    )
  })

  test('find a person by the keyed hash of the code in any accepted spelling', async ({
    assert,
  }) => {
    const { personId } = await personWithSource()
    const found = await db
      .from('persons')
      .where('code_hash', personalCodeHash('16117519997'))
      .first()
    assert.equal(found.id, personId)
    assert.notInclude(found.code_encrypted, '161175')
  })
})
