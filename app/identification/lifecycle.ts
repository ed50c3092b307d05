import {
  USABLE_IDENTIFIER_STATUSES,
  type IdentifierStatus,
} from '#platform/identifiers/identifier_types'

/**
 * The lifecycle of an identification means: issued → active → blocked / replaced / expired.
 * The issuer's files deliver a status (registers' `person_identifiers.status`); the issuer's
 * block or replacement on the staff pages (`identifier_holds`) outranks it until lifted; a means
 * past its `valid_to` is expired whatever was delivered.
 */
/** Statuses through which a means applies (within its dates); the migration's SQL twin. */
export const APPLYING_STATUSES = USABLE_IDENTIFIER_STATUSES

/**
 * SQL for "the means `alias` (a `person_identifiers` row) applies, dates aside": delivered in an
 * applying status, not retracted, not held by its issuer. Readers add the day they ask about.
 */
export function meansAppliesSql(alias: string) {
  const statuses = APPLYING_STATUSES.map((status) => `'${status}'`).join(', ')
  return `${alias}.status IN (${statuses}) AND ${alias}.retracted_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM identifier_holds h WHERE h.identifier_id = ${alias}.id)`
}

export const BLOCK_REASONS = ['lost', 'stolen', 'damaged', 'misuse', 'holder_request'] as const
export const UNBLOCK_REASONS = ['found', 'blocked_in_error', 'holder_request'] as const
export const REPLACE_REASONS = ['lost', 'stolen', 'damaged', 'renewed'] as const

export type HoldStatus = 'blocked' | 'replaced'

export interface LifecycleInput {
  deliveredStatus: string
  retracted: boolean
  hold: HoldStatus | null
  validFrom: string
  validTo: string | null
}

/** What the means is on `day` (a calendar date, Europe/Riga). */
export function effectiveStatus(
  means: LifecycleInput,
  day: string
): IdentifierStatus | 'retracted' {
  if (means.retracted) return 'retracted'
  if (means.hold) return means.hold
  const delivered = means.deliveredStatus as IdentifierStatus
  if (APPLYING_STATUSES.includes(delivered) && means.validTo !== null && means.validTo < day) {
    return 'expired'
  }
  return delivered
}

/** Whether the means identifies its holder on `day`. */
export function appliesOn(means: LifecycleInput, day: string) {
  const status = effectiveStatus(means, day)
  return (
    APPLYING_STATUSES.includes(status as IdentifierStatus) &&
    means.validFrom <= day &&
    (means.validTo === null || means.validTo >= day)
  )
}
