import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Owns the lifecycle of the embedded PostgreSQL (config/database.ts creates it when
 * DATABASE_URL is unset): a test run drops its own database, then the cluster this process
 * started is stopped so that the process can exit.
 */
export default class EmbeddedDatabaseProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { embeddedPostgres } = await import('#config/database')
    if (!embeddedPostgres) return
    if (this.app.inTest) await embeddedPostgres.dropDatabase().catch(() => {})
    await embeddedPostgres.stop()
  }
}
