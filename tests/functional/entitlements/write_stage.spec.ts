import { test } from '@japa/runner'
import pg from 'pg'
import { databaseConnectionUrl } from '#config/database'
import { ComputedRows } from '#entitlements/engine/evaluate_persons'
import { inTransaction, clientSql } from '#entitlements/engine/sql'
import { writeDiff } from '#entitlements/engine/store_diff'
import { guardConnection } from '#platform/database/tenant_guard'

const PERSONS = [9_100_001, 9_100_002, 9_100_003]

/**
 * A writer connection creates its COPY stage once and relies on each commit to empty it: the
 * second and third writes on the same connection must store only their own rows, outside any
 * test transaction.
 */
test.group('Entitlement writes: the COPY stage of a connection', (group) => {
  let client: pg.Client | null = null

  group.each.setup(async () => {
    // An own connection of the app role: guarded, it writes in the test's (cross-tenant) scope.
    client = guardConnection(new pg.Client({ connectionString: await databaseConnectionUrl() }))
    await client.connect()
  })
  group.each.teardown(async () => {
    if (!client) return
    await client.query('DELETE FROM entitlement_changes WHERE person_id = ANY($1)', [PERSONS])
    await client.query('DELETE FROM entitlements WHERE person_id = ANY($1)', [PERSONS])
    await client.end()
    client = null
  })

  test('each transaction writes only its own rows', async ({ assert }) => {
    const sql = clientSql(client!)
    for (const personId of PERSONS) {
      const rows = new ComputedRows()
      rows.add(personId, 1, 1, null, '2026-01-01', null, 'rule', null, '{"facts":[]}')
      const counts = await inTransaction(sql, () =>
        writeDiff(sql, { ended: [], added: rows, runId: null })
      )
      assert.equal(counts.granted, 1)
    }
    const stored = await client!.query(
      'SELECT person_id, explanation FROM entitlements WHERE person_id = ANY($1) ORDER BY person_id',
      [PERSONS]
    )
    assert.deepEqual(
      stored.rows.map((row) => [Number(row.person_id), row.explanation]),
      PERSONS.map((id) => [id, { facts: [] }])
    )
  })
})
