import db from '@adonisjs/lucid/services/db'
import { sessionNow } from '#platform/sessions/session_clock'
import type { SessionLifetimes } from '#platform/sessions/session_lifetimes'

/** A process purges at most this often, when a new session is created. */
const PURGE_EVERY_MS = 10 * 60_000
let lastPurgeAt = 0

/** Deletes every session past its absolute lifetime or idle timeout; answers how many. */
export async function purgeExpiredSessions(
  lifetimes: SessionLifetimes,
  now = sessionNow(),
  connectionName?: string
): Promise<number> {
  const at = now.getTime()
  return db
    .connection(connectionName)
    .from('sessions')
    .where('created_at', '<=', new Date(at - lifetimes.absoluteSeconds * 1000))
    .orWhere('last_seen_at', '<=', new Date(at - lifetimes.idleSeconds * 1000))
    .delete()
    .then((deleted) => Number(deleted))
}

/** Purges when the last purge of this process is older than PURGE_EVERY_MS. */
export async function purgeExpiredSessionsNowAndThen(
  lifetimes: SessionLifetimes,
  now: Date,
  connectionName?: string
) {
  if (Math.abs(now.getTime() - lastPurgeAt) < PURGE_EVERY_MS) return
  lastPurgeAt = now.getTime()
  await purgeExpiredSessions(lifetimes, now, connectionName)
}
