import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgresOptions {
  /** Data directory; undefined keeps the database in memory (a fresh one per process). */
  dataDir?: string
  /** Port to listen on; 0 picks a free one. */
  port?: number
  maxConnections?: number
}

export interface PgConnectionSettings {
  host: string
  port: number
  user: string
  database: string
}

/**
 * PGlite (Postgres compiled to WASM) served over the Postgres wire protocol,
 * so Lucid talks to it with its ordinary `pg` client. Started lazily on the
 * first connection: commands that never query (make:*, serve) never open the
 * data directory, so two processes never hold it at once.
 */
export class EmbeddedPostgres {
  #db?: PGlite
  #server?: PGLiteSocketServer
  #starting?: Promise<PgConnectionSettings>

  constructor(private options: EmbeddedPostgresOptions) {}

  get started() {
    return this.#server !== undefined
  }

  connectionSettings(): Promise<PgConnectionSettings> {
    this.#starting ??= this.#start()
    return this.#starting
  }

  /** A thenable that starts the server when a pool connection awaits it. */
  lazySettings(): PromiseLike<PgConnectionSettings> {
    return { then: (resolve, reject) => this.connectionSettings().then(resolve, reject) }
  }

  async #start(): Promise<PgConnectionSettings> {
    if (this.options.dataDir) await mkdir(this.options.dataDir, { recursive: true })
    this.#db = await PGlite.create(this.options.dataDir)
    this.#server = new PGLiteSocketServer({
      db: this.#db,
      host: '127.0.0.1',
      port: this.options.port ?? 0,
      maxConnections: this.options.maxConnections ?? 20,
    })
    await this.#server.start()
    const [, port] = this.#server.getServerConn().split(':')
    return { host: '127.0.0.1', port: Number(port), user: 'postgres', database: 'postgres' }
  }

  async stop() {
    const starting = this.#starting
    this.#starting = undefined
    if (!starting) return
    try {
      await starting
      await this.#server?.stop()
      await this.#db?.close()
    } catch {
      // Shutdown must never throw: a throwing provider keeps the process alive.
    } finally {
      this.#server = undefined
      this.#db = undefined
    }
  }
}
