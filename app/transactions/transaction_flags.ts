/**
 * What the check of a transaction against the entitlements valid at its time found
 * (README.md, "Flags"). A flag never rejects a transaction: it is stored with it for settlement
 * and review.
 */
export const TRANSACTION_FLAGS = [
  'no_entitlement',
  'other_benefit',
  'price_mismatch',
  'late_arrival',
] as const
export type TransactionFlag = (typeof TRANSACTION_FLAGS)[number]

/** A transaction received more than this long after it happened arrived late. */
export const LATE_AFTER_MS = 7 * 24 * 60 * 60 * 1000

/** Rounding of percentages may differ by a cent between the provider's till and ours. */
const PRICE_TOLERANCE_CENTS = 1

export interface BenefitTerms {
  benefitId: number
  code: string
  grantorTenantId: number
  versionId: number | null
  form: 'percent' | 'fixed_price' | 'amount_off' | 'free' | null
  /** Percent for `percent`, cents for `fixed_price` and `amount_off`. */
  value: number | null
  /** Higher wins. */
  priority: number
}

export function expectedPriceCents(terms: BenefitTerms, fullPriceCents: number): number {
  const value = terms.value ?? 0
  switch (terms.form) {
    case 'percent':
      return fullPriceCents - Math.round((fullPriceCents * value) / 100)
    case 'fixed_price':
      return Math.min(value, fullPriceCents)
    case 'amount_off':
      return Math.max(0, fullPriceCents - value)
    case 'free':
      return 0
    default:
      return fullPriceCents
  }
}

export interface CheckInput {
  /** The benefit the provider says it applied (benefit_code, else the decision's). */
  claimedCode: string | null
  /**
   * The benefits the transaction could have had: the decision's (when one is cited), else the
   * person's entitlements valid on the day, contracted with this provider for the service.
   */
  candidates: BenefitTerms[]
  fullPriceCents: number
  chargedPriceCents: number
  at: Date
  receivedAt: Date
}

export interface CheckResult {
  flags: TransactionFlag[]
  /** The benefit the transaction settles against, if any. */
  benefit: BenefitTerms | null
  expectedPriceCents: number | null
}

function best(candidates: BenefitTerms[]): BenefitTerms | null {
  let found: BenefitTerms | null = null
  for (const candidate of candidates) {
    if (!found || candidate.priority > found.priority) found = candidate
  }
  return found
}

export function checkTransaction(input: CheckInput): CheckResult {
  const flags: TransactionFlag[] = []
  let benefit: BenefitTerms | null = null
  const discounted = input.chargedPriceCents < input.fullPriceCents

  if (input.claimedCode !== null) {
    benefit = input.candidates.find((c) => c.code === input.claimedCode) ?? null
    if (!benefit) flags.push(input.candidates.length > 0 ? 'other_benefit' : 'no_entitlement')
  } else if (discounted) {
    benefit = best(input.candidates)
    if (!benefit) flags.push('no_entitlement')
  }

  const expected = benefit ? expectedPriceCents(benefit, input.fullPriceCents) : null
  const target = expected ?? (flags.length > 0 ? null : input.fullPriceCents)
  if (target !== null && Math.abs(input.chargedPriceCents - target) > PRICE_TOLERANCE_CENTS) {
    flags.push('price_mismatch')
  }
  if (input.receivedAt.getTime() - input.at.getTime() > LATE_AFTER_MS) flags.push('late_arrival')
  return { flags, benefit, expectedPriceCents: expected }
}
