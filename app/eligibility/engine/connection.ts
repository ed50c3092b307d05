import db from '@adonisjs/lucid/services/db'
import type { Sql } from '#eligibility/engine/sql'

/** Runs `work` on a raw connection of the app's default pool, released afterwards. */
export async function withConnection<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const knex = db.connection().getWriteClient() as any
  const connection = await knex.client.acquireConnection()
  const nested = knex.isTransaction === true
  const sql: Sql = {
    query: (config: any, values?: unknown[]) => connection.query(config, values),
    nested,
  }
  try {
    return await work(sql)
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
