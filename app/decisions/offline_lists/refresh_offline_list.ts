import db from '@adonisjs/lucid/services/db'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { meansAppliesSql } from '#identification/lifecycle'

/*
 * What the provider's list should hold today: every usable identifier of every person with a
 * current entitlement to a benefit covered by an accepted contract between its grantor and the
 * provider, for the days the entitlement, the contract and the identifier all hold, unless those
 * days are over. Overlapping contracts yield the same key once, with the longest period.
 */
const DESIRED = `
SELECT list_hash, grantor, benefit, valid_from, max(priority) AS priority,
       NULLIF(max(valid_until), 'infinity'::date) AS valid_until
FROM (
  SELECT i.list_hash, g.registration_number AS grantor, b.code AS benefit,
         GREATEST(e.valid_from, c.valid_from, i.valid_from) AS valid_from,
         LEAST(COALESCE(e.valid_to, 'infinity'), COALESCE(c.valid_to, 'infinity'),
               COALESCE(i.valid_to, 'infinity')) AS valid_until,
         COALESCE(v.priority, (SELECT latest.priority FROM benefit_versions latest
                               WHERE latest.benefit_id = b.id AND latest.status = 'published'
                               ORDER BY latest.version DESC LIMIT 1), 100) AS priority
  FROM contracts c
  JOIN contract_benefits cb ON cb.contract_id = c.id
  JOIN benefits b ON b.id = cb.benefit_id
  JOIN tenants g ON g.id = c.tenant_id
  JOIN entitlements e ON e.tenant_id = c.tenant_id AND e.benefit_id = cb.benefit_id
   AND e.ended_at IS NULL
  JOIN person_identifiers i ON i.person_id = e.person_id AND i.list_hash IS NOT NULL
   AND ${meansAppliesSql('i')}
  LEFT JOIN benefit_versions v ON v.id = e.version_id
  WHERE c.provider_tenant_id = :provider AND c.status = 'accepted'
) AS candidate
WHERE valid_from <= valid_until AND valid_until >= :today
GROUP BY list_hash, grantor, benefit, valid_from`

const KEY = `o.list_hash = d.list_hash AND o.grantor = d.grantor AND o.benefit = d.benefit
  AND o.valid_from = d.valid_from`

/*
 * One statement: new and changed entries get a new sequence (a removed one comes back); entries
 * no longer wanted stay as tombstones with a new sequence, so deltas carry them. The two writes
 * touch different rows (wanted, not wanted).
 */
const REFRESH = `
WITH offline_list_desired AS (${DESIRED}),
upserted AS (
INSERT INTO offline_list_entries
  (tenant_id, list_hash, grantor, benefit, valid_from, valid_until, priority, sequence, removed)
SELECT :provider, d.list_hash, d.grantor, d.benefit, d.valid_from, d.valid_until, d.priority,
       nextval('offline_list_sequence'), false
FROM offline_list_desired d
LEFT JOIN offline_list_entries o ON o.tenant_id = :provider AND ${KEY}
WHERE o.tenant_id IS NULL OR o.removed OR o.priority <> d.priority
   OR o.valid_until IS DISTINCT FROM d.valid_until
ORDER BY d.list_hash, d.grantor, d.benefit, d.valid_from
ON CONFLICT (tenant_id, list_hash, grantor, benefit, valid_from) DO UPDATE
SET valid_until = excluded.valid_until, priority = excluded.priority,
    sequence = excluded.sequence, removed = false
RETURNING 1),
removed AS (
UPDATE offline_list_entries o SET removed = true, sequence = nextval('offline_list_sequence')
WHERE o.tenant_id = :provider AND NOT o.removed
  AND NOT EXISTS (SELECT 1 FROM offline_list_desired d WHERE ${KEY})
RETURNING 1)
SELECT (SELECT count(*) FROM upserted) AS changed, (SELECT count(*) FROM removed) AS removed`

export interface RefreshResult {
  providerTenantId: number
  changed: number
  removed: number
}

/**
 * Brings a provider's stored list up to date by comparing it with what it should hold.
 * Needs every grantor's entitlements: call it on the audited cross-tenant path. Refreshes of
 * one provider take turns (advisory lock), so sequences commit in order and a delta since N
 * never misses a row that commits later with a lower number.
 */
export async function refreshOfflineList(providerTenantId: number): Promise<RefreshResult> {
  return db.transaction(async (trx) => {
    const bindings = { provider: providerTenantId }
    await trx.rawQuery(
      `SELECT pg_advisory_xact_lock(hashtext('offline_list'), :provider)`,
      bindings
    )
    const result = await trx.rawQuery(REFRESH, { ...bindings, today: todayInRiga() })
    const [counts] = result.rows
    return { providerTenantId, changed: Number(counts.changed), removed: Number(counts.removed) }
  })
}

/** The service providers that have (or had) an accepted contract: the lists to refresh. */
export async function providersWithContracts(): Promise<number[]> {
  const rows = await db
    .from('contracts')
    .where('status', 'accepted')
    .distinct('provider_tenant_id')
    .orderBy('provider_tenant_id')
  const ids = rows.map((row) => Number(row.provider_tenant_id))
  // A provider whose contracts all ended still has entries to remove.
  const listed = await db.from('offline_list_entries').where('removed', false).distinct('tenant_id')
  return [...new Set([...ids, ...listed.map((row) => Number(row.tenant_id))])].sort((a, b) => a - b)
}
