import type pg from 'pg'
import type { TransactionFlag } from '#transactions/transaction_flags'
import { ensurePartitions, forgetPartitions } from '#transactions/partitions'

/** One row of `usage_transactions`, ready to be written. */
export interface TransactionRow {
  id: number
  externalId: string
  kind: 'usage' | 'correction' | 'reversal'
  correctsId: number | null
  correctsExternalId: string | null
  at: Date
  serviceId: number
  serviceCode: string
  fullPriceCents: number
  chargedPriceCents: number
  claimedBenefitCode: string | null
  benefitId: number | null
  benefitVersionId: number | null
  grantorTenantId: number | null
  expectedPriceCents: number | null
  personId: number | null
  identifierHash: string | null
  decisionJti: string | null
  place: string | null
  flags: TransactionFlag[]
}

/**
 * One statement: the idempotency keys go in with ON CONFLICT DO NOTHING, and only the rows whose
 * key went in are written. A key another session is inserting makes this one wait for it to
 * commit (then skip) or roll back (then insert), so concurrent resends write each row once.
 * Rows are sorted by key so that two batches wait on each other in the same order (no deadlock).
 * Returns the external ids written; the others were duplicates.
 */
const INSERT = `
  WITH input AS (
    SELECT * FROM unnest(
      $3::bigint[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::timestamptz[],
      $9::int[], $10::text[], $11::int[], $12::int[], $13::text[], $14::int[], $15::int[],
      $16::int[], $17::int[], $18::bigint[], $19::text[], $20::text[], $21::text[], $22::text[]
    ) AS i(id, external_id, kind, corrects_id, corrects_external_id, at, service_id,
           service_code, full_price_cents, charged_price_cents, claimed_benefit_code,
           benefit_id, benefit_version_id, grantor_tenant_id, expected_price_cents,
           person_id, identifier_hash, decision_jti, place, flags)
  ), keys AS (
    INSERT INTO usage_transaction_keys (api_client_id, external_id, tenant_id, transaction_id, at)
    SELECT $1, external_id, $2, id, at FROM input ORDER BY external_id
    ON CONFLICT DO NOTHING
    RETURNING transaction_id
  )
  INSERT INTO usage_transactions (
    id, tenant_id, api_client_id, external_id, kind, corrects_id, corrects_external_id, at,
    service_id, service_code, full_price_cents, charged_price_cents, claimed_benefit_code,
    benefit_id, benefit_version_id, grantor_tenant_id, expected_price_cents, person_id,
    identifier_hash, decision_jti, place, flags)
  SELECT i.id, $2, $1, i.external_id, i.kind, i.corrects_id, i.corrects_external_id, i.at,
         i.service_id, i.service_code, i.full_price_cents, i.charged_price_cents,
         i.claimed_benefit_code, i.benefit_id, i.benefit_version_id, i.grantor_tenant_id,
         i.expected_price_cents, i.person_id, i.identifier_hash, i.decision_jti, i.place,
         string_to_array(i.flags, ',')
    FROM input i JOIN keys k ON k.transaction_id = i.id
  RETURNING external_id`

function parameters(apiClientId: number, tenantId: number, rows: TransactionRow[]) {
  const sorted = [...rows].sort((a, b) => (a.externalId < b.externalId ? -1 : 1))
  const column = <T>(pick: (row: TransactionRow) => T) => sorted.map(pick)
  return [
    apiClientId,
    tenantId,
    column((r) => r.id),
    column((r) => r.externalId),
    column((r) => r.kind),
    column((r) => r.correctsId),
    column((r) => r.correctsExternalId),
    column((r) => r.at.toISOString()),
    column((r) => r.serviceId),
    column((r) => r.serviceCode),
    column((r) => r.fullPriceCents),
    column((r) => r.chargedPriceCents),
    column((r) => r.claimedBenefitCode),
    column((r) => r.benefitId),
    column((r) => r.benefitVersionId),
    column((r) => r.grantorTenantId),
    column((r) => r.expectedPriceCents),
    column((r) => r.personId),
    column((r) => r.identifierHash),
    column((r) => r.decisionJti),
    column((r) => r.place),
    column((r) => r.flags.join(',')),
  ]
}

function isMissingPartition(error: unknown) {
  return (error as { code?: string }).code === '23514' && /no partition/i.test(String(error))
}

/**
 * Writes the rows (in the client's tenant scope) and answers which were new. The statement
 * commits before this returns (autocommit), so an id reported written survives a crash
 * (PostgreSQL's synchronous_commit must stay on).
 */
export async function storeTransactions(
  client: pg.ClientBase,
  apiClientId: number,
  tenantId: number,
  rows: TransactionRow[],
  options: { nested?: boolean } = {}
): Promise<Set<string>> {
  if (rows.length === 0) return new Set()
  // Inside an enclosing transaction (tests) a partition made earlier may have been rolled back.
  if (options.nested) forgetPartitions()
  await ensurePartitions(
    client,
    rows.map((row) => row.at)
  )
  const values = parameters(apiClientId, tenantId, rows)
  let result: pg.QueryResult<{ external_id: string }>
  try {
    result = await client.query(INSERT, values)
  } catch (error) {
    if (!isMissingPartition(error)) throw error
    forgetPartitions()
    await ensurePartitions(
      client,
      rows.map((row) => row.at)
    )
    result = await client.query(INSERT, values)
  }
  return new Set(result.rows.map((row) => row.external_id))
}

/** Ids for a batch's rows, taken before writing so a correction can cite an original of its batch. */
export async function reserveTransactionIds(client: pg.ClientBase, count: number) {
  if (count === 0) return []
  const { rows } = await client.query<{ id: string }>(
    `SELECT nextval('usage_transactions_id_seq') AS id FROM generate_series(1, $1)`,
    [count]
  )
  return rows.map((row) => Number(row.id))
}

/** The stored transactions of this client with these ids (originals that corrections cite). */
export async function storedOriginals(
  client: pg.ClientBase,
  apiClientId: number,
  externalIds: string[]
): Promise<Map<string, number>> {
  if (externalIds.length === 0) return new Map()
  const { rows } = await client.query<{ external_id: string; transaction_id: string }>(
    `SELECT external_id, transaction_id FROM usage_transaction_keys
      WHERE api_client_id = $1 AND external_id = ANY($2::text[])`,
    [apiClientId, externalIds]
  )
  return new Map(rows.map((row) => [row.external_id, Number(row.transaction_id)]))
}
