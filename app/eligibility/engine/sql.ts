/**
 * The slice of a node-postgres client the engine uses. The engine talks to PostgreSQL through a
 * raw connection (not the query builder): it streams millions of rows in array mode, passes
 * arrays as parameters and runs set-based statements, and the benchmark drives it with a plain
 * `pg.Client` without booting the app.
 */
export interface Sql {
  query<Row = any>(
    config: string | { text: string; values?: unknown[]; rowMode?: 'array' },
    values?: unknown[]
  ): Promise<{ rows: Row[]; rowCount: number | null }>
  /** Set when the connection is already inside a transaction (tests' global transaction). */
  nested?: boolean
}

/** Runs `work` inside BEGIN … COMMIT (ROLLBACK on error). */
export async function inTransaction<T>(sql: Sql, work: () => Promise<T>): Promise<T> {
  await sql.query(sql.nested ? 'SAVEPOINT engine_write' : 'BEGIN')
  try {
    const result = await work()
    await sql.query(sql.nested ? 'RELEASE SAVEPOINT engine_write' : 'COMMIT')
    return result
  } catch (error) {
    await sql.query(sql.nested ? 'ROLLBACK TO SAVEPOINT engine_write' : 'ROLLBACK').catch(() => {})
    throw error
  }
}
