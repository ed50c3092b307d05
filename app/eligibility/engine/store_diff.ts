import type { CalendarDate } from '#eligibility/rule_language/types'
import type { ComputedRows } from '#eligibility/engine/evaluate_persons'
import type { PersonScope } from '#eligibility/engine/person_facts'
import { scopeCondition } from '#eligibility/engine/person_facts'
import type { Sql } from '#eligibility/engine/sql'

export interface DiffCounts {
  granted: number
  ended: number
  changed: number
}

const COMPUTED = 'entitlements_computed'

/**
 * A stored current entitlement and a computed one are the same when everything but the
 * explanation matches; a stored period that began before the horizon matches a computed one
 * that begins on the horizon's first day (the engine cannot see further back), so rolling the
 * horizon rewrites nothing.
 */
const SAME = `c.person_id = s.person_id AND c.benefit_id = s.benefit_id AND c.tenant_id = s.tenant_id
  AND c.version_id IS NOT DISTINCT FROM s.version_id AND c.source = s.source
  AND c.decision_id IS NOT DISTINCT FROM s.decision_id AND c.valid_to IS NOT DISTINCT FROM s.valid_to
  AND (c.valid_from = s.valid_from OR (c.valid_from = $1::date AND s.valid_from < $1::date))`

/**
 * Writes the difference between the computed entitlements of the persons in scope and the
 * stored current ones, set-based: the computed rows go to a temporary table, then one
 * statement closes the stored rows nothing computed matches, inserts the computed rows nothing
 * stored matches, and appends each change to `entitlement_changes` (a closed and a new row of
 * the same person and benefit pair up as `changed`). Unchanged rows are not touched. Call it
 * inside a transaction.
 */
export async function storeDiff(
  sql: Sql,
  input: { scope: PersonScope; rows: ComputedRows; horizonFrom: CalendarDate; runId: number | null }
): Promise<DiffCounts> {
  await sql.query(
    `CREATE TEMP TABLE IF NOT EXISTS ${COMPUTED} (
       person_id bigint, tenant_id integer, benefit_id integer, version_id integer,
       valid_from date, valid_to date, source text, decision_id bigint, explanation jsonb
     ) ON COMMIT DELETE ROWS`
  )
  const { rows } = input
  if (rows.length > 0) {
    await sql.query(
      `INSERT INTO ${COMPUTED}
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::date[], $6::date[],
                            $7::text[], $8::bigint[], $9::jsonb[])`,
      [
        rows.personId,
        rows.tenantId,
        rows.benefitId,
        rows.versionId,
        rows.validFrom,
        rows.validTo,
        rows.source,
        rows.decisionId,
        rows.explanation,
      ]
    )
  }
  const scope = scopeCondition('e.person_id', input.scope, 3)
  const result = await sql.query<{ kind: string; count: string }>(
    `WITH stored AS (
       SELECT e.id, e.person_id, e.tenant_id, e.benefit_id, e.version_id, e.valid_from, e.valid_to,
              e.source, e.decision_id
         FROM entitlements e WHERE e.ended_at IS NULL AND ${scope.text}
     ), gone AS (
       UPDATE entitlements e SET ended_at = now()
         FROM stored s
        WHERE e.id = s.id AND NOT EXISTS (SELECT 1 FROM ${COMPUTED} c WHERE ${SAME})
        RETURNING e.id, e.tenant_id, e.person_id, e.benefit_id, e.valid_from
     ), added AS (
       INSERT INTO entitlements (tenant_id, person_id, benefit_id, version_id, valid_from, valid_to,
                                 source, decision_id, explanation, run_id, created_at)
       SELECT c.tenant_id, c.person_id, c.benefit_id, c.version_id, c.valid_from, c.valid_to,
              c.source, c.decision_id, c.explanation, $2::bigint, now()
         FROM ${COMPUTED} c
        WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE ${SAME})
        ORDER BY c.person_id, c.benefit_id, c.valid_from
        RETURNING id, tenant_id, person_id, benefit_id, valid_from
     ), g AS (
       SELECT *, row_number() OVER (PARTITION BY person_id, benefit_id ORDER BY valid_from, id) AS rn FROM gone
     ), a AS (
       SELECT *, row_number() OVER (PARTITION BY person_id, benefit_id ORDER BY valid_from, id) AS rn FROM added
     ), logged AS (
       INSERT INTO entitlement_changes (kind, entitlement_id, previous_id, tenant_id, person_id,
                                        benefit_id, run_id, created_at)
       SELECT CASE WHEN a.id IS NULL THEN 'ended' WHEN g.id IS NULL THEN 'granted' ELSE 'changed' END,
              coalesce(a.id, g.id), CASE WHEN a.id IS NOT NULL THEN g.id END,
              coalesce(a.tenant_id, g.tenant_id), coalesce(a.person_id, g.person_id),
              coalesce(a.benefit_id, g.benefit_id), $2::bigint, now()
         FROM a FULL JOIN g ON a.person_id = g.person_id AND a.benefit_id = g.benefit_id AND a.rn = g.rn
        ORDER BY coalesce(a.person_id, g.person_id), coalesce(a.benefit_id, g.benefit_id),
                 coalesce(a.rn, g.rn)
       RETURNING kind
     )
     SELECT kind, count(*) AS count FROM logged GROUP BY kind`,
    [input.horizonFrom, input.runId, ...scope.values]
  )
  const counts: DiffCounts = { granted: 0, ended: 0, changed: 0 }
  for (const row of result.rows) counts[row.kind as keyof DiffCounts] = Number(row.count)
  // Inside an outer transaction (tests) ON COMMIT never comes.
  if (rows.length > 0) await sql.query(`TRUNCATE ${COMPUTED}`)
  return counts
}
