import { EmbeddedPostgres } from '#platform/database/embedded_postgres'

/**
 * The process-wide embedded database, used only when DATABASE_URL is unset.
 * Tests get an in-memory database; the demo and dev server keep theirs in
 * storage/pglite (or PGLITE_DATA_DIR).
 */
export function createEmbeddedPostgres(env: { nodeEnv: string; dataDir?: string; port?: number }) {
  const dataDir = env.nodeEnv === 'test' ? env.dataDir : (env.dataDir ?? 'storage/pglite')
  return new EmbeddedPostgres({ dataDir, port: env.port })
}
