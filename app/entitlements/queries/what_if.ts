import db from '@adonisjs/lucid/services/db'
import { ageOn } from '#platform/calendar/calendar_dates'
import { valueOn, type CalendarDate } from '#eligibility/main'
import { buildRuleSet, type VersionRow } from '#entitlements/engine/rule_set'
import { loadPersons, registerContext } from '#entitlements/engine/person_facts'
import { appCatalogue } from '#entitlements/engine/service'
import { withConnection } from '#entitlements/engine/connection'

export const AGE_BANDS = ['0-17', '18-24', '25-64', '65+', 'unknown'] as const

export interface WhatIfCount {
  municipality: string
  ageBand: (typeof AGE_BANDS)[number]
  gained: number
  lost: number
}

export interface WhatIfResult {
  at: CalendarDate
  draft: { id: number; version: number }
  published: { id: number; version: number } | null
  persons: number
  gained: number
  lost: number
  /** By municipality (on the day) and age band; only non-zero cells. */
  counts: WhatIfCount[]
}

function ageBand(birthDate: CalendarDate | null, at: CalendarDate): WhatIfCount['ageBand'] {
  if (birthDate === null) return 'unknown'
  const age = ageOn(birthDate, at)
  return age < 18 ? '0-17' : age < 25 ? '18-24' : age < 65 ? '25-64' : '65+'
}

const VERSION_SQL = `SELECT v.id, v.benefit_id, v.tenant_id, b.code, v.version, v.status,
  v.effective_from::text AS effective_from, v.effective_to::text AS effective_to, v.rule
  FROM benefit_versions v JOIN benefits b ON b.id = v.benefit_id`

/**
 * Who would gain or lose the benefit on a day if the draft version replaced the published one,
 * counted by municipality and age band: both rules compiled by the same engine (for that day)
 * over every person in the registers, in chunks. Null when the version is not the tenant's.
 */
export async function whatIf(
  tenantId: number,
  versionId: number,
  at: CalendarDate,
  chunkSize = 20_000
): Promise<WhatIfResult | null> {
  const draftRows = await db.rawQuery(`${VERSION_SQL} WHERE v.id = ? AND v.tenant_id = ?`, [
    versionId,
    tenantId,
  ])
  const draft = draftRows.rows[0] as VersionRow | undefined
  if (!draft) return null
  const publishedRows = await db.rawQuery(
    `${VERSION_SQL} WHERE v.benefit_id = ? AND v.status = 'published' AND v.id <> ?
       AND v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to >= ?)
     ORDER BY v.version DESC LIMIT 1`,
    [draft.benefit_id, draft.id, at, at]
  )
  const published = publishedRows.rows[0] as VersionRow | undefined

  return withConnection(async (sql) => {
    const catalogue = appCatalogue()
    // Each rule on its own: the draft's effective period does not matter for "what if".
    const draftSet = await buildRuleSet(sql, [draft], catalogue)
    const publishedSet = published ? await buildRuleSet(sql, [published], catalogue) : null
    const draftRule = draftSet.entries.length ? draftSet.compiled.forDate(at) : null
    const publishedRule = publishedSet?.entries.length ? publishedSet.compiled.forDate(at) : null
    const register = await registerContext(sql, catalogue.attributes)
    const out = new Uint8Array(1)
    const cells = new Map<string, WhatIfCount>()
    let gained = 0
    let lost = 0
    let persons = 0
    let after = 0
    for (;;) {
      const bounds = await sql.query<{ last: string | null }>(
        `SELECT max(id) AS last FROM (SELECT id FROM persons WHERE id > $1 ORDER BY id LIMIT $2) t`,
        [after, chunkSize]
      )
      const last = bounds.rows[0]?.last
      if (last === null || last === undefined) break
      const chunk = await loadPersons(sql, { fromId: after + 1, toId: Number(last) }, register)
      after = Number(last)
      for (const person of chunk) {
        persons++
        let before = false
        let now = false
        if (publishedRule) {
          publishedRule(person.facts, out)
          before = out[0] === 1
        }
        if (draftRule) {
          draftRule(person.facts, out)
          now = out[0] === 1
        }
        if (before === now) continue
        const municipality = String(
          valueOn(person.facts.facts.get('residence.municipality'), at) ?? '—'
        )
        const band = ageBand(person.facts.birthDate, at)
        const key = `${municipality}|${band}`
        let cell = cells.get(key)
        if (!cell) {
          cell = { municipality, ageBand: band, gained: 0, lost: 0 }
          cells.set(key, cell)
        }
        if (now) {
          cell.gained++
          gained++
        } else {
          cell.lost++
          lost++
        }
      }
    }
    return {
      at,
      draft: { id: draft.id, version: draft.version },
      published: published ? { id: published.id, version: published.version } : null,
      persons,
      gained,
      lost,
      counts: [...cells.values()].sort(
        (a, b) => a.municipality.localeCompare(b.municipality) || a.ageBand.localeCompare(b.ageBand)
      ),
    }
  })
}
