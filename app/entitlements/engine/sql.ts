import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'

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
  /** The connection underneath (per-connection state such as temporary tables). */
  session?: object
  /** `COPY (…) TO STDOUT` in text format, the whole output as one buffer. */
  copyOut(text: string): Promise<Buffer>
  /** `COPY … FROM STDIN` in text format from the given chunks. */
  copyIn(text: string, chunks: Iterable<string>): Promise<void>
}

/** An `Sql` over a node-postgres client. */
export function clientSql(client: pg.ClientBase, options: { nested?: boolean } = {}): Sql {
  return {
    query: (config: any, values?: unknown[]) => client.query(config, values) as any,
    nested: options.nested,
    session: client,
    async copyOut(text) {
      const stream = client.query(copyTo(text))
      const parts: Buffer[] = []
      let size = 0
      for await (const part of stream) {
        parts.push(part)
        size += part.length
      }
      return parts.length === 1 ? parts[0] : Buffer.concat(parts, size)
    },
    async copyIn(text, chunks) {
      const stream = client.query(copyFrom(text))
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve)
        stream.on('error', reject)
      })
      try {
        for (const chunk of chunks) {
          if (!stream.write(chunk)) {
            await new Promise<void>((resolve, reject) => {
              stream.once('drain', resolve)
              stream.once('error', reject)
            })
          }
        }
      } finally {
        stream.end()
      }
      await done
    },
  }
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
