import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ace from '@adonisjs/core/services/ace'
import { registries } from '#platform/plugins/registry'
import { personalCodeHash } from '#registers/personal_code_protection'
import { loadConnector } from '#registers/connectors/connectors'
import { pullConnector, readCursor } from '#registers/connectors/pull_connector'
import type { ConnectorBatch, RegisterConnector } from '#registers/connectors/register_connector'
import { pushChanges } from '#registers/push/push_changes'
import RegistersPull from '#registers/commands/registers_pull'
import { countRows, makeSource } from './import_support.js'
import { JANIS, changeLogCount, emptyPushState, janis } from './push_support.js'

/** A connector over an in-memory feed: each item is one fact with a sequence number. */
function memoryConnector(feed: Array<{ sequence: number; value: string; from: string }>) {
  const connector: RegisterConnector = {
    id: 'test.memory',
    source: 'vdeavk',
    async *pull(since) {
      const fresh = feed.filter((item) => item.sequence > Number(since ?? 0))
      for (const item of fresh) {
        const batch: ConnectorBatch = {
          mode: 'delta',
          facts: [
            {
              personal_code: JANIS,
              attribute: 'disability.group',
              value: item.value,
              valid_from: item.from,
            },
          ],
          cursor: String(item.sequence),
        }
        yield batch
      }
    },
  }
  return connector
}

async function registerPersons(...persons: Array<Record<string, unknown>>) {
  const pmlp = await makeSource({ code: 'pmlp' })
  await pushChanges(pmlp, { mode: 'delta', persons: persons as any })
}

test.group('Register connectors / pulling', (group) => {
  group.each.setup(async () => {
    await emptyPushState()
    return () => emptyPushState()
  })

  test('a pull applies the changes once and keeps the cursor; a second pull changes nothing', async ({
    assert,
  }) => {
    await registerPersons(janis)
    await makeSource({
      code: 'vdeavk',
      allowedAttributes: ['disability.group'],
      deliversPersons: false,
    })
    const feed = [
      { sequence: 1, value: 'III', from: '2019-01-01' },
      { sequence: 2, value: 'II', from: '2024-01-01' },
    ]
    const connector = memoryConnector(feed)

    const first = await pullConnector(connector)
    assert.deepInclude(first, { batches: 2, accepted: 2, unchanged: 0, cursor: '2' })
    assert.lengthOf(first.rejected, 0)
    assert.equal(await readCursor('test.memory'), '2')
    const logged = await changeLogCount()
    const stored = await db
      .from('register_connector_cursors')
      .where('connector', 'test.memory')
      .firstOrFail()
    assert.equal(stored.batches, 2)

    const second = await pullConnector(connector)
    assert.deepInclude(second, { batches: 0, accepted: 0, cursor: '2' })
    assert.equal(await changeLogCount(), logged)
    assert.equal(await countRows('facts', { attribute: 'disability.group' }), 2)

    feed.push({ sequence: 3, value: 'I', from: '2026-01-01' })
    const third = await pullConnector(connector)
    assert.deepInclude(third, { batches: 1, accepted: 1, cursor: '3' })
  })

  test("a connector's rows go through the source's permissions and validation", async ({
    assert,
  }) => {
    await registerPersons(janis)
    await makeSource({
      code: 'vdeavk',
      allowedAttributes: ['pension.old_age'],
      deliversPersons: false,
    })
    const result = await pullConnector(
      memoryConnector([{ sequence: 1, value: 'II', from: '2020-01-01' }])
    )
    assert.deepInclude(result, { batches: 1, accepted: 0, cursor: '1' })
    assert.deepEqual(
      result.rejected.map((row) => [row.batch, row.kind, row.index, row.field, row.reason]),
      [[1, 'facts', 0, 'attribute', 'attribute_not_allowed']]
    )
  })

  test('the welfare plugin declares an example connector in the connectors registry', async ({
    assert,
  }) => {
    const entry = registries.connectors.get('welfare.disability_decisions_example')
    assert.equal(entry?.owner, 'welfare')
    const connector = await loadConnector('welfare.disability_decisions_example')
    assert.equal(connector.source, 'disability-decisions')
    await assert.rejects(() => loadConnector('welfare.nothing'), /No register connector/)
  })

  test('registers:pull runs the example connector once; a second run changes nothing', async ({
    assert,
  }) => {
    const codes = ['120462-15014', '030978-15023', '200211-25039']
    await registerPersons(
      { personal_code: codes[0], given_names: 'Ilze', surname: 'Ozola', birth_date: '1962-04-12' },
      {
        personal_code: codes[1],
        given_names: 'Pēteris',
        surname: 'Liepa',
        birth_date: '1978-09-03',
      },
      { personal_code: codes[2], given_names: 'Marta', surname: 'Kalna', birth_date: '2011-02-20' }
    )
    await makeSource({
      code: 'disability-decisions',
      allowedAttributes: ['disability.group', 'disability.child'],
      deliversPersons: false,
    })

    const first = await ace.create(RegistersPull, ['welfare.disability_decisions_example'])
    await first.exec()
    first.assertSucceeded()
    assert.equal(await readCursor('welfare.disability_decisions_example'), '4')
    const facts = await db
      .from('facts as f')
      .join('persons as p', 'p.id', 'f.person_id')
      .where('p.code_hash', personalCodeHash(codes[1]))
      .orderBy('f.valid_from')
      .select('f.value', db.raw('f.valid_to::text AS valid_to'))
    assert.deepEqual(
      facts.map((f) => [f.value, f.valid_to]),
      [
        ['III', '2025-05-31'],
        ['II', null],
      ]
    )
    const logged = await changeLogCount()

    const second = await ace.create(RegistersPull, ['welfare.disability_decisions_example'])
    await second.exec()
    second.assertSucceeded()
    assert.equal(await changeLogCount(), logged)
  })

  test('registers:pull with an unknown connector fails with a message', async () => {
    ace.ui.switchMode('raw')
    try {
      const command = await ace.create(RegistersPull, ['nope.nothing'])
      await command.exec()
      command.assertFailed()
      command.assertLogMatches(/No register connector "nope.nothing"/)
    } finally {
      ace.ui.switchMode('normal')
    }
  })
})
