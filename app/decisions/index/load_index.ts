import db from '@adonisjs/lucid/services/db'
import type { DecisionIndex } from '#decisions/index/decision_index'
import { CatalogueSnapshot, type CatalogueRows } from '#decisions/index/catalogue_snapshot'
import { firstDayNumber, lastDayNumber } from '#decisions/index/days'
import { hashKey } from '#decisions/index/identifier_table'
import type { OutboxCursor } from '#decisions/index/outbox_cursor'
import { meansAppliesSql } from '#identification/lifecycle'

/*
 * Reads the decision index's sources with the app's connection. The caller runs these inside
 * cross-tenant access: entitlements and the catalogue are every grantor's and provider's rows.
 */

const APPLIES = meansAppliesSql('i')

function putIdentifier(
  index: DecisionIndex,
  row: { value_hash: string; person_id: string; f: string; t: string | null }
) {
  const [hi, lo] = hashKey(row.value_hash)
  index.identifiers.set(hi, lo, Number(row.person_id), firstDayNumber(row.f), lastDayNumber(row.t))
}
const BATCH = 50_000

export async function catalogueStamp(): Promise<string> {
  const { rows } = await db.rawQuery(
    `SELECT concat_ws('|',
       (SELECT max(updated_at)::text || count(*) FROM benefit_versions WHERE status <> 'draft'),
       (SELECT max(updated_at)::text || count(*) FROM benefits),
       (SELECT max(updated_at)::text || count(*) FROM services),
       (SELECT max(updated_at)::text || count(*) FROM contracts),
       (SELECT max(updated_at)::text FROM tenants)) AS stamp`
  )
  return rows[0]?.stamp ?? ''
}

export async function loadCatalogueRows(): Promise<CatalogueRows> {
  const [benefits, versions, services, contracts] = await Promise.all([
    db.rawQuery(
      `SELECT b.id, b.code, b.tenant_id, t.name FROM benefits b JOIN tenants t ON t.id = b.tenant_id`
    ),
    db.rawQuery(
      `SELECT id, benefit_id, effective_from::text AS f, effective_to::text AS t, name_lv, name_en,
              form, value, priority, service_codes, weekdays, time_windows, specific_dates
         FROM benefit_versions WHERE status = 'published'`
    ),
    db.rawQuery(
      `SELECT id, tenant_id, code, name_lv, name_en, sector, base_price_cents FROM services`
    ),
    db.rawQuery(
      `SELECT c.tenant_id, c.provider_tenant_id, c.valid_from::text AS f, c.valid_to::text AS t,
              ARRAY(SELECT benefit_id FROM contract_benefits WHERE contract_id = c.id) AS benefit_ids,
              ARRAY(SELECT service_id FROM contract_services WHERE contract_id = c.id) AS service_ids
         FROM contracts c WHERE c.status = 'accepted'`
    ),
  ])
  return {
    benefits: benefits.rows.map((r: any) => ({
      id: r.id,
      code: r.code,
      grantorTenantId: r.tenant_id,
      grantorName: r.name,
    })),
    versions: versions.rows.map((r: any) => ({
      id: r.id,
      benefitId: r.benefit_id,
      from: firstDayNumber(r.f),
      to: lastDayNumber(r.t),
      nameLv: r.name_lv,
      nameEn: r.name_en,
      form: r.form,
      value: r.value,
      priority: r.priority,
      serviceCodes: r.service_codes ?? [],
      weekdays: r.weekdays ?? [],
      timeWindows: r.time_windows ?? [],
      specificDates: r.specific_dates ?? [],
    })),
    services: services.rows.map((r: any) => ({
      id: r.id,
      providerTenantId: r.tenant_id,
      code: r.code,
      nameLv: r.name_lv,
      nameEn: r.name_en,
      sector: r.sector,
      basePriceCents: r.base_price_cents,
    })),
    contracts: contracts.rows.map((r: any) => ({
      grantorTenantId: r.tenant_id,
      providerTenantId: r.provider_tenant_id,
      from: firstDayNumber(r.f),
      to: lastDayNumber(r.t),
      benefitIds: r.benefit_ids.map(Number),
      serviceIds: r.service_ids.map(Number),
    })),
  }
}

export async function reloadCatalogue(index: DecisionIndex) {
  index.catalogue = new CatalogueSnapshot(await loadCatalogueRows(), index.slots)
}

/** Puts the usable means with these hashes in the index, and drops the others. */
async function applyIdentifierHashes(index: DecisionIndex, hashes: string[]) {
  if (hashes.length === 0) return
  const { rows } = await db.rawQuery(
    `SELECT DISTINCT ON (value_hash) value_hash, person_id, valid_from::text AS f, valid_to::text AS t
       FROM person_identifiers i
      WHERE value_hash = ANY(?) AND ${APPLIES}
      ORDER BY value_hash, valid_from DESC, id DESC`,
    [hashes]
  )
  const usable = new Set<string>()
  for (const row of rows) {
    usable.add(row.value_hash)
    putIdentifier(index, row)
  }
  for (const hash of hashes) {
    if (usable.has(hash)) continue
    const [hi, lo] = hashKey(hash)
    index.identifiers.delete(hi, lo)
  }
}

/** Replaces these persons' entitlements in the index with their current rows. */
async function applyPersons(index: DecisionIndex, personIds: number[]) {
  if (personIds.length === 0) return
  const { rows } = await db.rawQuery(
    `SELECT person_id, benefit_id, valid_from::text AS f, valid_to::text AS t
       FROM entitlements WHERE ended_at IS NULL AND person_id = ANY(?::bigint[])`,
    [personIds]
  )
  const byPerson = new Map<number, { benefit: number; from: number; to: number }[]>(
    personIds.map((id) => [Number(id), []])
  )
  for (const row of rows) {
    byPerson.get(Number(row.person_id))?.push({
      benefit: index.slots.slotOf(row.benefit_id),
      from: firstDayNumber(row.f),
      to: lastDayNumber(row.t),
    })
  }
  for (const [personId, list] of byPerson) index.entitlements.replace(personId, list)
}

/** The highest id of each log now: the build reads the tables after, the follower from here. */
export async function logPositions() {
  const { rows } = await db.rawQuery(
    `SELECT (SELECT coalesce(max(id), 0) FROM entitlement_changes) AS entitlements,
            (SELECT coalesce(max(id), 0) FROM identifier_changes) AS identifiers`
  )
  return { entitlements: Number(rows[0].entitlements), identifiers: Number(rows[0].identifiers) }
}

/** Loads every usable identifier and every current entitlement. */
export async function loadEverything(index: DecisionIndex) {
  await reloadCatalogue(index)
  for (let after = 0; ;) {
    const { rows } = await db.rawQuery(
      `SELECT id, value_hash, person_id, valid_from::text AS f, valid_to::text AS t
         FROM person_identifiers i
        WHERE id > ? AND ${APPLIES}
        ORDER BY id LIMIT ?`,
      [after, BATCH]
    )
    for (const row of rows) putIdentifier(index, row)
    if (rows.length < BATCH) break
    after = Number(rows[rows.length - 1].id)
  }
  for (let after = 0; ;) {
    const { rows } = await db.rawQuery(
      `SELECT DISTINCT person_id FROM entitlements
        WHERE ended_at IS NULL AND person_id > ? ORDER BY person_id LIMIT ?`,
      [after, BATCH]
    )
    await applyPersons(
      index,
      rows.map((row: any) => Number(row.person_id))
    )
    if (rows.length < BATCH) break
    after = Number(rows[rows.length - 1].person_id)
  }
}

/** Applies the entitlement changes after the cursor; answers how many log rows it read. */
export async function followEntitlementChanges(index: DecisionIndex, cursor: OutboxCursor) {
  const { rows } = await db.rawQuery(
    `SELECT id, person_id FROM entitlement_changes
      WHERE id > ? OR id = ANY(?::bigint[]) ORDER BY id LIMIT ?`,
    [cursor.position, cursor.pending(), BATCH]
  )
  if (rows.length === 0) return 0
  await applyPersons(index, [...new Set<number>(rows.map((row: any) => Number(row.person_id)))])
  cursor.advance(rows.map((row: any) => Number(row.id)))
  return rows.length
}

/**
 * Applies the identifier changes after the cursor: imports and issuers' blocks, unblocks and
 * replacements alike (`identifier_changes`, docs/architecture.md "Change logs").
 */
export async function followIdentifierChanges(index: DecisionIndex, cursor: OutboxCursor) {
  const { rows } = await db.rawQuery(
    `SELECT id, value_hash FROM identifier_changes
      WHERE id > ? OR id = ANY(?::bigint[]) ORDER BY id LIMIT ?`,
    [cursor.position, cursor.pending(), BATCH]
  )
  if (rows.length === 0) return 0
  const hashes = rows.filter((row: any) => row.value_hash).map((row: any) => row.value_hash)
  await applyIdentifierHashes(index, [...new Set<string>(hashes)])
  cursor.advance(rows.map((row: any) => Number(row.id)))
  return rows.length
}
