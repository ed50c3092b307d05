import { rigaDayOf } from '#platform/calendar/today_in_riga'
import { rm } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import type { RetentionConfig } from '#config/retention'

/** One category of data with a retention period: what is past it, and how it goes. */
export interface RetentionRule {
  category: string
  /** The config key holding its period in days. */
  period: keyof RetentionConfig
  /** How many rows are past their period at `cutoff`. */
  count(cutoff: Cutoff): Promise<number>
  /** Deletes them; answers how many went. */
  purge(cutoff: Cutoff): Promise<number>
}

export interface Cutoff {
  /** Now minus the period. */
  time: Date
  /** The same instant as a calendar day in Riga (for date columns such as `valid_to`). */
  day: string
}

async function countWhere(table: string, where: string, bindings: unknown[]) {
  const result = await db.rawQuery(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, bindings)
  return Number(result.rows[0].n)
}

async function deleteWhere(table: string, where: string, bindings: unknown[]) {
  const result = await db.rawQuery(`DELETE FROM ${table} WHERE ${where}`, bindings)
  return result.rowCount ?? 0
}

/** A table whose rows go once `where` holds for the cutoff. */
function tableRule(
  category: string,
  period: keyof RetentionConfig,
  table: string,
  where: string,
  bindings: (cutoff: Cutoff) => unknown[]
): RetentionRule {
  return {
    category,
    period,
    count: (cutoff) => countWhere(table, where, bindings(cutoff)),
    purge: (cutoff) => deleteWhere(table, where, bindings(cutoff)),
  }
}

const FINISHED_IMPORT = `status IN ('succeeded', 'failed') AND finished_at IS NOT NULL`

/** Error reports quote rejected rows: the file goes, the import keeps its counts. */
const importErrorReports: RetentionRule = {
  category: 'import_error_reports',
  period: 'importErrorReportsDays',
  count: (cutoff) =>
    countWhere(
      'register_imports',
      `${FINISHED_IMPORT} AND error_report_path IS NOT NULL AND finished_at < ?`,
      [cutoff.time]
    ),
  async purge(cutoff) {
    const rows = await db
      .from('register_imports')
      .whereRaw(`${FINISHED_IMPORT} AND error_report_path IS NOT NULL AND finished_at < ?`, [
        cutoff.time,
      ])
      .select('id', 'error_report_path')
    for (const row of rows) {
      await rm(row.error_report_path, { force: true })
      await db.from('register_imports').where('id', row.id).update({ error_report_path: null })
    }
    return rows.length
  },
}

/**
 * Persons no source delivers any more. Their facts, identifiers and code history go with them
 * (foreign keys cascade), and so do their change-log rows and stored signature.
 */
const PERSON_GONE = `
  p.updated_at < ?
  AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.person_id = p.id
    AND (f.received_at >= ? OR (f.retracted_at IS NULL AND (f.valid_to IS NULL OR f.valid_to >= ?))))
  AND NOT EXISTS (SELECT 1 FROM person_identifiers i WHERE i.person_id = p.id
    AND (i.received_at >= ? OR (i.retracted_at IS NULL AND (i.valid_to IS NULL OR i.valid_to >= ?))))
  AND NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM entitlement_decisions d WHERE d.person_id = p.id)
  AND NOT EXISTS (SELECT 1 FROM person_group_members m WHERE m.person_code_hash = p.code_hash)`
const personBindings = (cutoff: Cutoff) => [
  cutoff.time,
  cutoff.time,
  cutoff.day,
  cutoff.time,
  cutoff.day,
]

const personsWithoutSource: RetentionRule = {
  category: 'persons_without_source',
  period: 'personsWithoutSourceDays',
  count: (cutoff) => countWhere('persons p', PERSON_GONE, personBindings(cutoff)),
  purge: (cutoff) =>
    db.transaction(async (trx) => {
      const result = await trx.rawQuery(
        `WITH gone AS (DELETE FROM persons p WHERE ${PERSON_GONE} RETURNING p.id),
              log AS (DELETE FROM change_log c USING gone WHERE c.person_id = gone.id),
              signatures AS (DELETE FROM entitlement_signatures s USING gone WHERE s.person_id = gone.id)
         SELECT count(*) AS n FROM gone`,
        personBindings(cutoff)
      )
      return Number(result.rows[0].n)
    }),
}

/**
 * Every category `retention:enforce` deletes, in an order where a later rule may find rows an
 * earlier one released (persons after their ended entitlements). The audit log is not here:
 * see config/retention.ts.
 */
export const retentionRules: RetentionRule[] = [
  tableRule(
    'password_reset_tokens',
    'passwordResetTokensDays',
    'password_reset_tokens',
    'coalesce(used_at, expires_at) < ?',
    (cutoff) => [cutoff.time]
  ),
  tableRule(
    'invitations',
    'invitationsDays',
    'invitations',
    'coalesce(accepted_at, expires_at) < ?',
    (cutoff) => [cutoff.time]
  ),
  tableRule(
    'rate_limit_counters',
    'rateLimitCountersDays',
    'rate_limits',
    'expire IS NOT NULL AND expire < ?',
    (cutoff) => [cutoff.time.getTime()]
  ),
  tableRule(
    'revoked_api_clients',
    'revokedApiClientsDays',
    'api_clients',
    'revoked_at IS NOT NULL AND revoked_at < ?',
    (cutoff) => [cutoff.time]
  ),
  importErrorReports,
  tableRule(
    'import_records',
    'importRecordsDays',
    'register_imports',
    `${FINISHED_IMPORT} AND finished_at < ? AND error_report_path IS NULL`,
    (cutoff) => [cutoff.time]
  ),
  tableRule(
    'register_change_log',
    'registerChangeLogDays',
    'change_log',
    `created_at < ? AND id <= coalesce((SELECT position FROM entitlement_cursors WHERE name = 'change_log'), 0)`,
    (cutoff) => [cutoff.time]
  ),
  tableRule(
    'ended_entitlements',
    'endedEntitlementsDays',
    'entitlements',
    'ended_at IS NOT NULL AND ended_at < ?',
    (cutoff) => [cutoff.time]
  ),
  personsWithoutSource,
]

export function cutoffFor(now: Date, days: number): Cutoff {
  const time = new Date(now.getTime() - days * 86_400_000)
  return { time, day: rigaDayOf(time) }
}
