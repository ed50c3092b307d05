import db from '@adonisjs/lucid/services/db'
import { parsePersonalCode } from '#registers/personal_code'
import { personalCodeHash } from '#registers/personal_code_protection'
import { explainRule, type CalendarDate, type ExplainNode } from '#eligibility/main'
import { buildRuleSet, type VersionRow } from '#entitlements/engine/rule_set'
import { loadPersons, registerContext } from '#entitlements/engine/person_facts'
import { appCatalogue } from '#entitlements/engine/service'
import { withConnection } from '#entitlements/engine/connection'

/** The register person with this personal code (current or former), or null. */
export async function findPersonByCode(code: string): Promise<number | null> {
  const parsed = parsePersonalCode(code)
  if (!parsed.ok) return null
  const hash = personalCodeHash(code)
  const person = await db.from('persons').where('code_hash', hash).select('id').first()
  if (person) return Number(person.id)
  const former = await db
    .from('person_code_history')
    .where('code_hash', hash)
    .select('person_id')
    .first()
  return former ? Number(former.person_id) : null
}

export interface EntitlementRow {
  id: number
  benefitCode: string
  benefitName: { lv: string; en: string }
  version: number | null
  validFrom: CalendarDate
  validTo: CalendarDate | null
  source: 'rule' | 'list' | 'manual'
}

/**
 * A person's current entitlements granted by the tenant; with `at`, only those valid on that
 * day. Another tenant's entitlements never appear.
 */
export async function listPersonEntitlements(
  tenantId: number,
  personId: number,
  at?: CalendarDate
): Promise<EntitlementRow[]> {
  const query = db
    .from('entitlements as e')
    .join('benefits as b', 'b.id', 'e.benefit_id')
    .leftJoin('benefit_versions as v', 'v.id', 'e.version_id')
    .where('e.tenant_id', tenantId)
    .where('e.person_id', personId)
    .whereNull('e.ended_at')
    .orderBy(['b.code', 'e.valid_from'])
    .select(
      'e.id',
      'b.code',
      'v.version',
      'v.name_lv',
      'v.name_en',
      'e.source',
      db.raw('e.valid_from::text AS valid_from'),
      db.raw('e.valid_to::text AS valid_to')
    )
  if (at) {
    query.where('e.valid_from', '<=', at).where((q) => {
      q.whereNull('e.valid_to').orWhere('e.valid_to', '>=', at)
    })
  }
  const rows = await query
  return rows.map(toEntitlementRow)
}

/** A row selected as e.id, b.code, v.version, v.name_lv, v.name_en, e.source, valid_from/to as text. */
export function toEntitlementRow(row: Record<string, any>): EntitlementRow {
  return {
    id: Number(row.id),
    benefitCode: row.code,
    benefitName: { lv: row.name_lv ?? row.code, en: row.name_en ?? row.code },
    version: row.version ?? null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
  }
}

export interface EntitlementExplanation {
  benefit: { code: string; name: { lv: string; en: string } }
  version: {
    id: number
    version: number
    status: string
    effectiveFrom: CalendarDate
    effectiveTo: CalendarDate | null
    rule: string
  } | null
  at: CalendarDate
  /** Whether a stored entitlement covers the day (rule, list or manual). */
  entitled: boolean
  /** Whether the version's rule holds on the day (before manual decisions). */
  ruleHolds: boolean | null
  explanation: ExplainNode | null
  entitlements: EntitlementRow[]
  decisions: {
    id: number
    kind: 'grant' | 'revoke'
    validFrom: CalendarDate
    validTo: CalendarDate | null
    reason: string
    author: string
  }[]
}

/**
 * Why the person is or is not entitled to the tenant's benefit on the day: each condition of
 * the version in effect then, with the facts behind it (source and dates), the stored
 * entitlements and the manual decisions. Null when the benefit is not the tenant's.
 */
export async function explainEntitlement(
  tenantId: number,
  personId: number,
  benefitCode: string,
  at: CalendarDate
): Promise<EntitlementExplanation | null> {
  const benefit = await db
    .from('benefits')
    .where('tenant_id', tenantId)
    .where('code', benefitCode)
    .select('id', 'code')
    .first()
  if (!benefit) return null
  const versionResult = await db.rawQuery(
    `SELECT v.id, v.benefit_id, v.tenant_id, b.code, v.version, v.status,
              v.effective_from::text AS effective_from, v.effective_to::text AS effective_to, v.rule,
              v.name_lv, v.name_en
         FROM benefit_versions v JOIN benefits b ON b.id = v.benefit_id
        WHERE v.benefit_id = ? AND v.status IN ('published', 'suspended', 'archived')
        ORDER BY (v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to >= ?)) DESC,
                 (v.status = 'published') DESC, v.version DESC
        LIMIT 1`,
    [benefit.id, at, at]
  )
  const versions: VersionRow[] = versionResult.rows
  const version = versions[0] as (VersionRow & { name_lv: string; name_en: string }) | undefined

  const all = await listPersonEntitlements(tenantId, personId)
  const entitlements = all.filter((row) => row.benefitCode === benefitCode)
  const decisions = await db
    .from('entitlement_decisions')
    .where('tenant_id', tenantId)
    .where('person_id', personId)
    .where('benefit_id', benefit.id)
    .whereNull('withdrawn_at')
    .orderBy('id')
    .select(
      'id',
      'kind',
      'reason',
      'author_label',
      db.raw('valid_from::text AS valid_from'),
      db.raw('valid_to::text AS valid_to')
    )

  let explanation: ExplainNode | null = null
  if (version) {
    explanation = await withConnection(async (sql) => {
      const ruleSet = await buildRuleSet(sql, [version], appCatalogue())
      const entry = ruleSet.entries[0]
      if (!entry) return null
      const register = await registerContext(sql, appCatalogue().attributes)
      const [person] = await loadPersons(
        sql,
        { ids: [personId] },
        { ...register, tenantFilter: tenantId, localGroups: true }
      )
      return person ? explainRule(entry.local, person.facts, at) : null
    })
  }
  const name = version
    ? { lv: version.name_lv, en: version.name_en }
    : { lv: benefit.code, en: benefit.code }
  return {
    benefit: { code: benefit.code, name },
    version: version
      ? {
          id: version.id,
          version: version.version,
          status: version.status,
          effectiveFrom: version.effective_from,
          effectiveTo: version.effective_to,
          rule: version.rule,
        }
      : null,
    at,
    entitled: entitlements.some(
      (row) => row.validFrom <= at && (row.validTo === null || row.validTo >= at)
    ),
    ruleHolds: explanation ? explanation.value === true : null,
    explanation,
    entitlements,
    decisions: decisions.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      validFrom: row.valid_from,
      validTo: row.valid_to,
      reason: row.reason,
      author: row.author_label,
    })),
  }
}
