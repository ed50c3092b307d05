import { isMainThread } from 'node:worker_threads'
import { EmbeddedPostgres } from '#platform/database/embedded_postgres'

const TEST_DATABASE_PREFIX = 'atvieglo_test_'

/**
 * The process-wide embedded database, used only when DATABASE_URL is unset. The demo and the
 * dev server keep theirs in storage/postgres (or EMBEDDED_PG_DIR); each test run gets a fresh
 * database of its own in a throwaway cluster under storage/postgres-test, dropped at the end.
 */
export function createEmbeddedPostgres(env: { nodeEnv: string; dir?: string; port?: number }) {
  if (env.nodeEnv === 'test') {
    return new EmbeddedPostgres({
      dir: env.dir ?? 'storage/postgres-test',
      database: `${TEST_DATABASE_PREFIX}${process.pid}`,
      port: env.port,
      throwaway: true,
      staleDatabasePrefix: isMainThread ? TEST_DATABASE_PREFIX : undefined,
    })
  }
  return new EmbeddedPostgres({
    dir: env.dir ?? 'storage/postgres',
    database: 'atvieglo',
    port: env.port,
  })
}
