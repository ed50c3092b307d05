import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { createEmbeddedPostgres } from '#platform/database/embedded_instance'

const databaseUrl = env.get('DATABASE_URL')

/**
 * With no DATABASE_URL the app runs on an embedded PostgreSQL from npm (see
 * app/platform/database). Lucid resolves `connection` with `await` before
 * each new pool connection, so a thenable lets the embedded server start
 * on the first query instead of at boot.
 */
export const embeddedPostgres = databaseUrl
  ? null
  : createEmbeddedPostgres({
      nodeEnv: env.get('NODE_ENV'),
      dir: env.get('EMBEDDED_PG_DIR'),
      port: env.get('EMBEDDED_PG_PORT'),
    })

/** The connection URL for code that opens its own `pg` connections (COPY workers). */
export async function databaseConnectionUrl(): Promise<string> {
  return databaseUrl ?? (await embeddedPostgres!.url())
}

const dbConfig = defineConfig({
  connection: 'postgres',
  prettyPrintDebugQueries: true,
  connections: {
    postgres: {
      client: 'pg',
      pool: { min: 0, max: 20 },
      connection: (embeddedPostgres ? embeddedPostgres.lazySettings() : databaseUrl) as any,
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      // Models declare their columns; no generated database/schema.ts.
      schemaGeneration: { enabled: false },
      seeders: {
        paths: ['database/seeders'],
      },
    },
  },
})

export default dbConfig
