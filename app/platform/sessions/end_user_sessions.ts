import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { SESSIONS_TABLE } from '#platform/sessions/database_session_store'

/**
 * Ends a user's web sessions on every device at once (their rows are deleted, so the
 * cookies are worth nothing), except the session named in `except`. Answers how many ended.
 */
export async function endUserSessions(
  userId: number,
  options: { except?: string; client?: QueryClientContract } = {}
): Promise<number> {
  const query = (options.client ?? db.connection()).from(SESSIONS_TABLE).where('user_id', userId)
  if (options.except) query.whereNot('id', options.except)
  const deleted = await query.delete()
  return Number(Array.isArray(deleted) ? deleted[0] : deleted)
}
