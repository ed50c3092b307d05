import db from '@adonisjs/lucid/services/db'
import { MessageBuilder } from '@adonisjs/core/helpers'
import type { SessionData, SessionStoreContract } from '@adonisjs/session/types'
import { sessionNow } from '#platform/sessions/session_clock'
import { purgeExpiredSessionsNowAndThen } from '#platform/sessions/purge_expired_sessions'
import { hasExpired, type SessionLifetimes } from '#platform/sessions/session_lifetimes'

export const SESSIONS_TABLE = 'sessions'

/** A busy session writes its last_seen_at at most this often. */
const TOUCH_EVERY_MS = 60_000

export type DatabaseSessionStoreOptions = SessionLifetimes & {
  connectionName?: string
  /** The session key under which the auth guard keeps the user id (`auth_<guard>`). */
  userKey: string
}

/**
 * Sessions kept in PostgreSQL; the cookie carries only the id. A session is
 * refused once it is older than the absolute lifetime or idle for longer than
 * the idle timeout, whatever the cookie's Max-Age says, and deleting its row
 * (logout, password reset, role change) ends it everywhere at once.
 *
 * One instance serves one request. A row this request read is only ever
 * updated, never inserted again: a request that was in flight while its session
 * was revoked cannot bring the session back when it commits.
 */
export class DatabaseSessionStore implements SessionStoreContract {
  #loaded = new Set<string>()

  constructor(private options: DatabaseSessionStoreOptions) {}

  async read(sessionId: string): Promise<SessionData | null> {
    const row = await this.#client()
      .from(SESSIONS_TABLE)
      .select('data', 'created_at', 'last_seen_at')
      .where('id', sessionId)
      .first()
    if (!row) return null

    const data = hasExpired(row, sessionNow(), this.options) ? null : parse(row.data, sessionId)
    if (!data) {
      await this.destroy(sessionId)
      return null
    }
    this.#loaded.add(sessionId)
    return data
  }

  async write(sessionId: string, values: SessionData) {
    const now = sessionNow()
    const data = new MessageBuilder().build(values, undefined, sessionId)
    const userId = this.#userIdOf(values)

    if (this.#loaded.has(sessionId)) {
      await this.#client()
        .from(SESSIONS_TABLE)
        .where('id', sessionId)
        .update({ data, user_id: userId, last_seen_at: now })
      return
    }

    await this.#client()
      .insertQuery()
      .table(SESSIONS_TABLE)
      .insert({ id: sessionId, user_id: userId, data, created_at: now, last_seen_at: now })
      .knexQuery.onConflict('id')
      .merge(['data', 'user_id', 'last_seen_at'])
    this.#loaded.add(sessionId)
    await purgeExpiredSessionsNowAndThen(this.options, now, this.options.connectionName)
  }

  async destroy(sessionId: string) {
    this.#loaded.delete(sessionId)
    await this.#client().from(SESSIONS_TABLE).where('id', sessionId).delete()
  }

  async touch(sessionId: string) {
    const now = sessionNow()
    await this.#client()
      .from(SESSIONS_TABLE)
      .where('id', sessionId)
      .where('last_seen_at', '<', new Date(now.getTime() - TOUCH_EVERY_MS))
      .update({ last_seen_at: now })
  }

  /** Resolved per query, so a test's global transaction is seen (and used) here too. */
  #client() {
    return db.connection(this.options.connectionName)
  }

  #userIdOf(values: SessionData): number | null {
    const id = Number(values[this.options.userKey])
    return Number.isSafeInteger(id) && id > 0 ? id : null
  }
}

function parse(contents: string, sessionId: string): SessionData | null {
  try {
    return new MessageBuilder().verify<SessionData>(contents, sessionId)
  } catch {
    return null
  }
}
