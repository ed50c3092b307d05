import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'
import { createEmbeddedPostgres } from '#platform/database/embedded_instance'
import { DEFAULT_APP_ROLE, roleOfUrl, runsAsOwner, urlForRole } from '#platform/database/app_role'
import { guardConnection } from '#platform/database/tenant_guard'

/** The tables' owner: migrations, seeders and admin commands (`runsAsOwner`). */
const databaseUrl = env.get('DATABASE_URL')

/**
 * The app's own role, which row-level security holds (app_role.ts): DATABASE_APP_URL, or
 * DATABASE_URL with the user `atvieglo_app` (and DATABASE_APP_PASSWORD, if the server asks
 * for one); on the embedded default, a role the embedded server makes with a password file.
 */
const appUrl =
  env.get('DATABASE_APP_URL') ??
  (databaseUrl
    ? urlForRole(databaseUrl, DEFAULT_APP_ROLE, env.get('DATABASE_APP_PASSWORD'))
    : undefined)

export const appRole = {
  name: appUrl ? roleOfUrl(appUrl) : DEFAULT_APP_ROLE,
  /** Set on the role by the migration that creates it (none: the server trusts the host). */
  password:
    databaseUrl && !env.get('DATABASE_APP_URL') ? env.get('DATABASE_APP_PASSWORD') : undefined,
}

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

/** The app role's URL, for code that opens its own `pg` connections (COPY workers). */
export async function databaseConnectionUrl(): Promise<string> {
  return appUrl ?? (await embeddedPostgres!.appUrl())
}

/** The owner's URL (tests that check what the app role may not do; admin tooling). */
export async function ownerConnectionUrl(): Promise<string> {
  return databaseUrl ?? (await embeddedPostgres!.url())
}

const shared = {
  client: 'pg' as const,
  migrations: {
    naturalSort: true,
    paths: ['database/migrations'],
  },
  // Models declare their columns; no generated database/schema.ts.
  schemaGeneration: { enabled: false },
  seeders: {
    paths: ['database/seeders'],
  },
}

const dbConfig = defineConfig({
  connection: runsAsOwner() ? 'owner' : 'app',
  prettyPrintDebugQueries: true,
  connections: {
    app: {
      ...shared,
      pool: {
        min: 0,
        max: 20,
        afterCreate: (connection: any, done: (error: Error | null, connection: any) => void) => {
          done(null, guardConnection(connection))
        },
      },
      connection: (embeddedPostgres ? embeddedPostgres.lazyAppSettings() : appUrl) as any,
    },
    owner: {
      ...shared,
      // registers:import runs as the owner: its own connection, one per file loading at once
      // (three), progress and heartbeat writes beside them — fewer and the loads wait forever.
      pool: { min: 0, max: 10 },
      connection: (embeddedPostgres ? embeddedPostgres.lazySettings() : databaseUrl) as any,
    },
  },
})

export default dbConfig
