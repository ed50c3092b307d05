import type pg from 'pg'
import { withRawClient } from '#platform/database/raw_connection'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'
import { rigaDayOf } from '#platform/calendar/today_in_riga'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { verifyDecision, type DecisionClaims } from '#decisions/decision_token'
import {
  checkTransaction,
  type BenefitTerms,
  type TransactionFlag,
} from '#transactions/transaction_flags'
import {
  benefitsAtPointOfUse,
  versionTerms,
  type IdentifiedUse,
  type PersonBenefits,
} from '#transactions/queries/benefits_at_point_of_use'
import {
  reserveTransactionIds,
  storeTransactions,
  storedOriginals,
  type TransactionRow,
} from '#transactions/store_transactions'

/** A transaction as the validator passed it. */
export interface TransactionInput {
  id: string
  decision_id?: string
  identifier?: { type: string; value: string }
  service: string
  at: string
  full_price_cents: number
  charged_price_cents: number
  benefit_code?: string
  place?: string
  corrects?: string
  kind?: 'usage' | 'correction' | 'reversal'
}

/** Why an item was not stored (each has a message in resources/lang/<locale>/transactions.json). */
export type RejectionCode =
  | 'invalid_time'
  | 'in_future'
  | 'unknown_service'
  | 'invalid_decision'
  | 'decision_other_service'
  | 'missing_original'
  | 'usage_cannot_correct'
  | 'unknown_original'

export type ItemOutcome =
  | { status: 'accepted'; flags: TransactionFlag[] }
  | { status: 'duplicate' }
  | { status: 'rejected'; code: RejectionCode; field: string }

export interface RecordTransactionsInput {
  client: { id: number; tenantId: number }
  transactions: TransactionInput[]
  /** When the batch arrived (late arrival is measured from it). */
  receivedAt?: Date
}

/** Transactions may be dated up to this far ahead of the server's clock (clock drift). */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000
const EARLIEST = Date.parse('2000-01-01T00:00:00Z')

interface Prepared {
  ord: number
  input: TransactionInput
  at: Date
  kind: TransactionRow['kind']
  serviceId: number
  claims: DecisionClaims | null
  identifierHash: string | null
}

/**
 * Stores a provider's batch of usage transactions (docs/contracts.md, "Providers' systems"):
 * each is checked against the entitlements valid at its time and flagged, written once per
 * (API client, id) and committed before this returns. Outcomes are in input order.
 */
export default class RecordTransactions {
  async handle(input: RecordTransactionsInput): Promise<ItemOutcome[]> {
    const receivedAt = input.receivedAt ?? new Date()
    const { id: apiClientId, tenantId } = input.client
    const outcomes: (ItemOutcome | undefined)[] = new Array(input.transactions.length)
    const reject = (ord: number, code: RejectionCode, field: string) => {
      outcomes[ord] = { status: 'rejected', code, field }
    }

    return withRawClient(async (client, nested) => {
      const services = await this.#services(
        client,
        tenantId,
        input.transactions.map((t) => t.service)
      )
      const prepared: Prepared[] = []
      const seen = new Set<string>()
      input.transactions.forEach((item, ord) => {
        if (seen.has(item.id)) return void (outcomes[ord] = { status: 'duplicate' })
        const problem = this.#prepare(item, ord, tenantId, services, receivedAt)
        if ('code' in problem) return reject(ord, problem.code, problem.field)
        seen.add(item.id)
        prepared.push(problem)
      })

      const originals = await this.#originals(client, apiClientId, prepared)
      const ids = await reserveTransactionIds(client, prepared.length)
      const idOf = new Map(prepared.map((p, i) => [p.input.id, ids[i]]))
      const { people, decided } = await this.#lookUp(client, tenantId, prepared)

      const rows: TransactionRow[] = []
      const byId = new Map<string, Prepared>()
      for (const [i, p] of prepared.entries()) {
        let correctsId: number | null = null
        if (p.input.corrects !== undefined) {
          correctsId = originals.get(p.input.corrects) ?? null
          const earlier = byId.get(p.input.corrects)
          if (correctsId === null && earlier) correctsId = idOf.get(earlier.input.id)!
          if (correctsId === null) {
            reject(p.ord, 'unknown_original', 'corrects')
            continue
          }
        }
        byId.set(p.input.id, p)
        rows.push(this.#row(p, ids[i], correctsId, people.get(p.ord), decided, receivedAt))
      }

      const written = await storeTransactions(client, apiClientId, tenantId, rows, { nested })
      for (const row of rows) {
        const ord = byId.get(row.externalId)!.ord
        outcomes[ord] = written.has(row.externalId)
          ? { status: 'accepted', flags: row.flags }
          : { status: 'duplicate' }
      }
      return outcomes as ItemOutcome[]
    })
  }

  async #services(client: pg.ClientBase, tenantId: number, codes: string[]) {
    const { rows } = await client.query<{ id: number; code: string }>(
      'SELECT id, code FROM services WHERE tenant_id = $1 AND code = ANY($2::text[])',
      [tenantId, [...new Set(codes)]]
    )
    return new Map(rows.map((row) => [row.code, row.id]))
  }

  #prepare(
    item: TransactionInput,
    ord: number,
    tenantId: number,
    services: Map<string, number>,
    receivedAt: Date
  ): Prepared | { code: RejectionCode; field: string } {
    const at = new Date(item.at)
    if (Number.isNaN(at.getTime()) || at.getTime() < EARLIEST) {
      return { code: 'invalid_time', field: 'at' }
    }
    if (at.getTime() > receivedAt.getTime() + FUTURE_SLACK_MS) {
      return { code: 'in_future', field: 'at' }
    }
    const kind = item.kind ?? (item.corrects === undefined ? 'usage' : 'correction')
    if (kind !== 'usage' && item.corrects === undefined) {
      return { code: 'missing_original', field: 'corrects' }
    }
    if (kind === 'usage' && item.corrects !== undefined) {
      return { code: 'usage_cannot_correct', field: 'kind' }
    }
    if (item.corrects === item.id) return { code: 'unknown_original', field: 'corrects' }
    const serviceId = services.get(item.service)
    if (serviceId === undefined) return { code: 'unknown_service', field: 'service' }

    let claims: DecisionClaims | null = null
    if (item.decision_id !== undefined) {
      claims = verifyDecision(item.decision_id)
      // Another provider's decision is as unknown as a forged one.
      if (!claims || claims.provider !== tenantId) {
        return { code: 'invalid_decision', field: 'decision_id' }
      }
      if (claims.service !== item.service) {
        return { code: 'decision_other_service', field: 'decision_id' }
      }
    }
    const identifierHash = item.identifier
      ? hashIdentifier(item.identifier.type, item.identifier.value)
      : null
    return { ord, input: item, at, kind, serviceId, claims, identifierHash }
  }

  async #originals(client: pg.ClientBase, apiClientId: number, prepared: Prepared[]) {
    const cited = prepared.flatMap((p) =>
      p.input.corrects === undefined ? [] : [p.input.corrects]
    )
    return storedOriginals(client, apiClientId, [...new Set(cited)])
  }

  /**
   * The person behind each identifier and their benefits at the point of use, and the terms of
   * the benefits decisions cited: grantors' rows, read on the audited cross-tenant path (one
   * audit row per batch that needs it).
   */
  async #lookUp(client: pg.ClientBase, tenantId: number, prepared: Prepared[]) {
    const uses: IdentifiedUse[] = []
    const versionIds = new Set<number>()
    for (const p of prepared) {
      if (p.claims?.benefit) versionIds.add(p.claims.benefit.versionId)
      if (p.identifierHash === null) continue
      uses.push({
        ord: p.ord,
        type: p.input.identifier!.type,
        hash: p.identifierHash,
        day: rigaDayOf(p.at),
        serviceId: p.serviceId,
      })
    }
    if (uses.length === 0 && versionIds.size === 0) {
      return { people: new Map<number, PersonBenefits>(), decided: new Map<number, BenefitTerms>() }
    }
    return withCrossTenantAccess(
      {
        reason: 'transactions: check usage against entitlements',
        actorLabel: `provider:${tenantId}`,
        metadata: { provider: tenantId, identified: uses.length },
      },
      async () => ({
        people: await benefitsAtPointOfUse(client, tenantId, uses),
        decided: await versionTerms(client, [...versionIds]),
      })
    )
  }

  #row(
    p: Prepared,
    id: number,
    correctsId: number | null,
    person: PersonBenefits | undefined,
    decided: Map<number, BenefitTerms>,
    receivedAt: Date
  ): TransactionRow {
    const item = p.input
    // A cited decision says what applied; otherwise the person's entitlements on the day do.
    const candidates = p.claims
      ? p.claims.benefit
        ? [decided.get(p.claims.benefit.versionId)].filter((t): t is BenefitTerms => !!t)
        : []
      : (person?.benefits ?? [])
    const check =
      p.kind === 'reversal'
        ? { flags: [], benefit: null, expectedPriceCents: null }
        : checkTransaction({
            claimedCode: item.benefit_code ?? p.claims?.benefit?.code ?? null,
            candidates,
            fullPriceCents: item.full_price_cents,
            chargedPriceCents: item.charged_price_cents,
            at: p.at,
            receivedAt,
          })
    return {
      id,
      externalId: item.id,
      kind: p.kind,
      correctsId,
      correctsExternalId: item.corrects ?? null,
      at: p.at,
      serviceId: p.serviceId,
      serviceCode: item.service,
      fullPriceCents: item.full_price_cents,
      chargedPriceCents: item.charged_price_cents,
      claimedBenefitCode: item.benefit_code ?? null,
      benefitId: check.benefit?.benefitId ?? null,
      benefitVersionId: check.benefit?.versionId ?? null,
      grantorTenantId: check.benefit?.grantorTenantId ?? null,
      expectedPriceCents: check.expectedPriceCents,
      personId: person?.personId ?? null,
      identifierHash: p.identifierHash,
      decisionJti: p.claims?.jti ?? null,
      place: item.place ?? null,
      flags: check.flags,
    }
  }
}
