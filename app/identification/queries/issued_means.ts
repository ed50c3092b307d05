import db from '@adonisjs/lucid/services/db'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { effectiveStatus, type HoldStatus } from '#identification/lifecycle'

/** The issuer codes this tenant answers for (row-level security keeps them the tenant's). */
export async function issuerCodesOf(tenantId: number): Promise<string[]> {
  const rows = await db.from('identifier_issuers').where('tenant_id', tenantId).select('code')
  return rows.map((row) => row.code)
}

export interface IssuedMeans {
  id: number
  personId: number
  type: string
  valueHint: string
  issuer: string
  validFrom: string
  validTo: string | null
  deliveredStatus: string
  status: string
  holdReason: string | null
  replacedById: number | null
  receivedAt: string
}

const SELECT = `SELECT i.id, i.person_id, i.type, i.value_hint, i.issuer, i.valid_from::text AS valid_from,
    i.valid_to::text AS valid_to, i.status, i.retracted_at, i.received_at,
    h.status AS hold_status, h.reason AS hold_reason, h.replaced_by_id
  FROM person_identifiers i LEFT JOIN identifier_holds h ON h.identifier_id = i.id`

function toMeans(row: any, day: string): IssuedMeans {
  return {
    id: Number(row.id),
    personId: Number(row.person_id),
    type: row.type,
    valueHint: row.value_hint,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    deliveredStatus: row.status,
    status: effectiveStatus(
      {
        deliveredStatus: row.status,
        retracted: row.retracted_at !== null,
        hold: (row.hold_status as HoldStatus | null) ?? null,
        validFrom: row.valid_from,
        validTo: row.valid_to,
      },
      day
    ),
    holdReason: row.hold_reason ?? null,
    replacedById: row.replaced_by_id === null ? null : Number(row.replaced_by_id),
    receivedAt: new Date(row.received_at).toISOString(),
  }
}

/** A means this tenant issued, or null (another issuer's means is not found). */
export async function findIssuedMeans(tenantId: number, id: number, day = todayInRiga()) {
  const codes = await issuerCodesOf(tenantId)
  if (codes.length === 0) return null
  const result = await db.rawQuery(`${SELECT} WHERE i.id = ? AND i.issuer = ANY(?::text[])`, [
    id,
    codes,
  ])
  return result.rows[0] ? toMeans(result.rows[0], day) : null
}

/** The id of this tenant's means with the type and number, if any. */
export async function findIssuedMeansId(tenantId: number, type: string, value: string) {
  const codes = await issuerCodesOf(tenantId)
  if (codes.length === 0) return null
  const row = await db
    .from('person_identifiers')
    .where('type', type)
    .where('value_hash', hashIdentifier(type, value))
    .whereIn('issuer', codes)
    .orderBy('id', 'desc')
    .first()
  return row ? Number(row.id) : null
}

/** The holder's other means from the same issuers: the candidates for a replacement. */
export async function otherMeansOfHolder(
  tenantId: number,
  means: IssuedMeans,
  day = todayInRiga()
): Promise<IssuedMeans[]> {
  const codes = await issuerCodesOf(tenantId)
  const result = await db.rawQuery(
    `${SELECT} WHERE i.person_id = ? AND i.id <> ? AND i.issuer = ANY(?::text[])
       AND i.retracted_at IS NULL ORDER BY i.valid_from DESC, i.id DESC`,
    [means.personId, means.id, codes]
  )
  return result.rows.map((row: any) => toMeans(row, day))
}

export interface MeansHistoryEntry {
  id: number
  fromStatus: string | null
  toStatus: string
  reason: string | null
  source: string
  replacedById: number | null
  userEmail: string | null
  createdAt: string
}

export async function meansHistory(identifierId: number): Promise<MeansHistoryEntry[]> {
  const rows = await db
    .from('identifier_status_history as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .where('s.identifier_id', identifierId)
    .orderBy('s.id', 'desc')
    .select('s.*', 'u.email as user_email')
  return rows.map((row) => ({
    id: Number(row.id),
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    source: row.source,
    replacedById: row.replaced_by_id === null ? null : Number(row.replaced_by_id),
    userEmail: row.user_email ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  }))
}
