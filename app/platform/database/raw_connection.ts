import db from '@adonisjs/lucid/services/db'
import type pg from 'pg'

/**
 * Runs `work` on one raw pg client of the default Lucid pool (for COPY, cursors and statements
 * Knex cannot express), released afterwards. `inTransaction` tells whether the client belongs to
 * a global transaction (tests), so the caller nests with savepoints instead of BEGIN.
 */
export async function withRawClient<T>(
  work: (client: pg.ClientBase, inTransaction: boolean) => Promise<T>
): Promise<T> {
  const knex = db.connection().getWriteClient() as any
  const client: pg.ClientBase = await knex.client.acquireConnection()
  try {
    return await work(client, knex.isTransaction === true)
  } finally {
    await knex.client.releaseConnection(client)
  }
}
