import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Owns the lifecycle of the embedded PGlite server (config/database.ts
 * creates it when DATABASE_URL is unset): closes it on shutdown so the
 * data directory is flushed and the process can exit.
 */
export default class EmbeddedDatabaseProvider {
  constructor(protected app: ApplicationService) {}

  async shutdown() {
    const { embeddedPostgres } = await import('#config/database')
    await embeddedPostgres?.stop()
  }
}
