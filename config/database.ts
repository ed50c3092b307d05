import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { createEmbeddedPostgres } from '#platform/database/embedded_instance'

const databaseUrl = env.get('DATABASE_URL')

/**
 * With no DATABASE_URL the app runs on embedded PGlite (see
 * app/platform/database). Lucid resolves `connection` with `await` before
 * each new pool connection, so a thenable lets the embedded server start
 * on the first query instead of at boot.
 */
export const embeddedPostgres = databaseUrl
  ? null
  : createEmbeddedPostgres({
      nodeEnv: env.get('NODE_ENV'),
      dataDir: env.get('PGLITE_DATA_DIR'),
      port: env.get('PGLITE_PORT'),
    })

const dbConfig = defineConfig({
  connection: 'postgres',
  prettyPrintDebugQueries: true,
  connections: {
    postgres: {
      client: 'pg',
      // The embedded server runs one query at a time; keep its pool small.
      pool: embeddedPostgres ? { min: 0, max: 4 } : { min: 0, max: 10 },
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
