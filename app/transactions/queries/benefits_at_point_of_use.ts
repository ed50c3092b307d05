import type pg from 'pg'
import type { BenefitTerms } from '#transactions/transaction_flags'

/** A transaction that names an identifier: its position in the batch, the hash, day and service. */
export interface IdentifiedUse {
  ord: number
  type: string
  hash: string
  /** Calendar day of the use in Europe/Riga. */
  day: string
  serviceId: number
}

export interface PersonBenefits {
  personId: number
  /** Entitlements valid on the day whose benefit this provider may apply to the service. */
  benefits: BenefitTerms[]
}

interface TermsRow {
  benefit_id: number
  code: string
  grantor_tenant_id: number
  version_id: number | null
  form: BenefitTerms['form']
  value: number | null
  priority: number | null
}

function terms(row: TermsRow): BenefitTerms {
  return {
    benefitId: row.benefit_id,
    code: row.code,
    grantorTenantId: row.grantor_tenant_id,
    versionId: row.version_id,
    form: row.form,
    value: row.value,
    priority: row.priority ?? 0,
  }
}

/**
 * Per identified use: the person behind the identifier (a usable identifier valid on the day)
 * and their entitlements valid on the day, of benefits that a live accepted contract lets this
 * provider apply to the service (or the provider's own benefits). Reads every grantor's rows:
 * the caller runs it on the audited cross-tenant path.
 */
export async function benefitsAtPointOfUse(
  client: pg.ClientBase,
  providerTenantId: number,
  uses: IdentifiedUse[]
): Promise<Map<number, PersonBenefits>> {
  const found = new Map<number, PersonBenefits>()
  if (uses.length === 0) return found
  const { rows } = await client.query<TermsRow & { ord: number; person_id: string }>(
    `WITH input AS (
       SELECT * FROM unnest($2::int[], $3::text[], $4::text[], $5::date[], $6::int[])
         AS i(ord, type, hash, day, service_id)
     ), persons AS (
       -- One index probe per use, whatever the statistics say (a fresh table has none).
       SELECT i.ord, i.day, i.service_id, pi.person_id
         FROM input i
         CROSS JOIN LATERAL (
           SELECT pi.person_id FROM person_identifiers pi
            WHERE pi.value_hash = i.hash AND pi.type = i.type
              AND pi.status IN ('issued', 'registered', 'active') AND pi.retracted_at IS NULL
              AND pi.valid_from <= i.day AND (pi.valid_to IS NULL OR pi.valid_to >= i.day)
            ORDER BY pi.id LIMIT 1
         ) pi
     )
     SELECT p.ord, p.person_id, e.benefit_id, b.code, e.tenant_id AS grantor_tenant_id,
            v.id AS version_id, v.form, v.value, v.priority
       FROM persons p
       LEFT JOIN LATERAL (
         SELECT e.benefit_id, e.tenant_id, e.version_id FROM entitlements e
          WHERE e.person_id = p.person_id AND e.ended_at IS NULL
            AND e.valid_from <= p.day AND (e.valid_to IS NULL OR e.valid_to >= p.day)
            AND (e.tenant_id = $1 OR EXISTS (
                  SELECT 1 FROM contracts c
                    JOIN contract_benefits cb ON cb.contract_id = c.id AND cb.benefit_id = e.benefit_id
                    JOIN contract_services cs ON cs.contract_id = c.id AND cs.service_id = p.service_id
                   WHERE c.tenant_id = e.tenant_id AND c.provider_tenant_id = $1
                     AND c.status = 'accepted' AND c.valid_from <= p.day
                     AND (c.valid_to IS NULL OR c.valid_to >= p.day)))
       ) e ON true
       LEFT JOIN benefits b ON b.id = e.benefit_id
       LEFT JOIN LATERAL (
         SELECT bv.id, bv.form, bv.value, bv.priority FROM benefit_versions bv
          WHERE bv.id = e.version_id
             OR (e.version_id IS NULL AND bv.benefit_id = e.benefit_id
                 AND bv.status IN ('published', 'suspended', 'archived')
                 AND bv.effective_from <= p.day
                 AND (bv.effective_to IS NULL OR bv.effective_to >= p.day))
          ORDER BY bv.version DESC LIMIT 1
       ) v ON e.benefit_id IS NOT NULL`,
    [
      providerTenantId,
      uses.map((u) => u.ord),
      uses.map((u) => u.type),
      uses.map((u) => u.hash),
      uses.map((u) => u.day),
      uses.map((u) => u.serviceId),
    ]
  )
  for (const row of rows) {
    let entry = found.get(row.ord)
    if (!entry) {
      entry = { personId: Number(row.person_id), benefits: [] }
      found.set(row.ord, entry)
    }
    if (row.benefit_id !== null) entry.benefits.push(terms(row))
  }
  return found
}

/** The terms of the benefit versions that decisions cited (cross-tenant, as above). */
export async function versionTerms(
  client: pg.ClientBase,
  versionIds: number[]
): Promise<Map<number, BenefitTerms>> {
  const found = new Map<number, BenefitTerms>()
  if (versionIds.length === 0) return found
  const { rows } = await client.query<TermsRow>(
    `SELECT bv.benefit_id, b.code, bv.tenant_id AS grantor_tenant_id, bv.id AS version_id,
            bv.form, bv.value, bv.priority
       FROM benefit_versions bv JOIN benefits b ON b.id = bv.benefit_id
      WHERE bv.id = ANY($1::int[])`,
    [versionIds]
  )
  for (const row of rows) found.set(row.version_id!, terms(row))
  return found
}
