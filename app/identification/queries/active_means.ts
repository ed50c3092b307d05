import db from '@adonisjs/lucid/services/db'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { meansAppliesSql } from '#identification/lifecycle'

/**
 * The means through which persons are identified, for the decision index: every means that
 * applies on a day (delivered as issued, registered or active, not retracted, not held by its
 * issuer, within its dates). One entitlement applies through every one of them.
 */
export interface ActiveMeans {
  identifierId: number
  personId: number
  valueHash: string
  validFrom: string
  validTo: string | null
}

const APPLIES_ON_DAY = `${meansAppliesSql('i')}
  AND i.valid_from <= ?::date AND (i.valid_to IS NULL OR i.valid_to >= ?::date)`

const COLUMNS = `i.id AS "identifierId", i.person_id AS "personId", i.value_hash AS "valueHash",
  i.valid_from::text AS "validFrom", i.valid_to::text AS "validTo"`

function rowsOf(result: { rows: any[] }): ActiveMeans[] {
  return result.rows.map((row) => ({
    ...row,
    identifierId: Number(row.identifierId),
    personId: Number(row.personId),
  }))
}

export async function activeMeansOfPersons(personIds: number[], day = todayInRiga()) {
  if (personIds.length === 0) return []
  return rowsOf(
    await db.rawQuery(
      `SELECT ${COLUMNS} FROM person_identifiers i
       WHERE i.person_id = ANY(?::bigint[]) AND ${APPLIES_ON_DAY} ORDER BY i.person_id, i.id`,
      [personIds, day, day]
    )
  )
}

/** The person a keyed identifier hash (`hashIdentifier(type, value)`) identifies on the day. */
export async function personOfMeans(valueHash: string, day = todayInRiga()) {
  const [means] = rowsOf(
    await db.rawQuery(
      `SELECT ${COLUMNS} FROM person_identifiers i
       WHERE i.value_hash = ? AND ${APPLIES_ON_DAY} ORDER BY i.id LIMIT 1`,
      [valueHash, day, day]
    )
  )
  return means?.personId ?? null
}

/**
 * A row of `identifier_changes`: the state of one means after a change, ids in commit order
 * (docs/architecture.md, "Change logs"). `applies` leaves the dates to the reader.
 */
export interface IdentifierChange {
  id: number
  identifierId: number
  personId: number
  valueHash: string
  applies: boolean
  validFrom: string
  validTo: string | null
}

export async function identifierChangesAfter(cursor: number, limit = 10_000) {
  const result = await db.rawQuery(
    `SELECT id, identifier_id AS "identifierId", person_id AS "personId", value_hash AS "valueHash",
            applies, valid_from::text AS "validFrom", valid_to::text AS "validTo"
     FROM identifier_changes WHERE id > ? ORDER BY id LIMIT ?`,
    [cursor, limit]
  )
  return (result.rows as any[]).map((row): IdentifierChange => ({
    ...row,
    id: Number(row.id),
    identifierId: Number(row.identifierId),
    personId: Number(row.personId),
  }))
}

/** The highest id of the log now: read it before a full build, then follow from it. */
export async function identifierChangesCursor() {
  const result = await db.rawQuery(
    'SELECT coalesce(max(id), 0)::bigint AS cursor FROM identifier_changes'
  )
  return Number(result.rows[0].cursor)
}
