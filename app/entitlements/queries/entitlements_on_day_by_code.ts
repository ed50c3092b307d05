import db from '@adonisjs/lucid/services/db'
import { parsePersonalCode } from '#registers/personal_code'
import { personalCodeHash } from '#registers/personal_code_protection'
import type { CalendarDate } from '#eligibility/main'
import { toEntitlementRow, type EntitlementRow } from '#entitlements/queries/person_entitlements'

/*
 * The grantor API's read in one round trip: the person by current code, else by a former one,
 * and the tenant's entitlements valid on the day. Same answer as findPersonByCode followed by
 * listPersonEntitlements (tests/unit/entitlements compare them).
 */
const SQL = `
WITH person AS (
  (SELECT id FROM persons WHERE code_hash = :hash)
  UNION ALL
  (SELECT person_id FROM person_code_history WHERE code_hash = :hash)
  LIMIT 1
)
SELECT person.id AS person_id, e.id, b.code, v.version, v.name_lv, v.name_en, e.source,
       e.valid_from::text AS valid_from, e.valid_to::text AS valid_to
FROM person
LEFT JOIN entitlements e
  ON e.person_id = person.id AND e.tenant_id = :tenantId AND e.ended_at IS NULL
 AND e.valid_from <= :at AND (e.valid_to IS NULL OR e.valid_to >= :at)
LEFT JOIN benefits b ON b.id = e.benefit_id
LEFT JOIN benefit_versions v ON v.id = e.version_id
ORDER BY b.code, e.valid_from`

export interface EntitlementsOnDay {
  /** null when no person has (or had) this code. */
  personId: number | null
  rows: EntitlementRow[]
}

export async function entitlementsOnDayByCode(
  tenantId: number,
  code: string,
  at: CalendarDate
): Promise<EntitlementsOnDay> {
  if (!parsePersonalCode(code).ok) return { personId: null, rows: [] }
  const query = db.rawQuery(SQL, { hash: personalCodeHash(code), tenantId, at })
  // A named statement: each pooled connection plans it once (the row-level security policies
  // on the joined tables made planning cost more than running it).
  query.knexQuery.options({ name: 'entitlements_on_day_by_code' })
  const result = await query
  const found = result.rows as Record<string, any>[]
  if (found.length === 0) return { personId: null, rows: [] }
  return {
    personId: Number(found[0].person_id),
    rows: found.filter((row) => row.id !== null).map(toEntitlementRow),
  }
}
