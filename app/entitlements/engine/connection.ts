import { withRawClient } from '#platform/database/raw_connection'
import { clientSql, type Sql } from '#entitlements/engine/sql'

/** Runs `work` on a raw connection of the app's default pool, released afterwards. */
export function withConnection<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  return withRawClient((client, nested) => work(clientSql(client, { nested })))
}
