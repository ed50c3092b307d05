import db from '@adonisjs/lucid/services/db'
import { clientSql, type Sql } from '#eligibility/engine/sql'

/** Runs `work` on a raw connection of the app's default pool, released afterwards. */
export async function withConnection<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const knex = db.connection().getWriteClient() as any
  const connection = await knex.client.acquireConnection()
  const sql = clientSql(connection, { nested: knex.isTransaction === true })
  try {
    return await work(sql)
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
