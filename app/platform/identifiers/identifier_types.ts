/** Kinds of identification means a person can hold (docs/contracts.md, "Identifier types"). */
export const IDENTIFIER_TYPES = [
  'eid',
  'etalons',
  'pupil_card',
  'honour_card',
  'bank_token',
  'app_qr',
] as const

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number]

export function isIdentifierType(value: string): value is IdentifierType {
  return (IDENTIFIER_TYPES as readonly string[]).includes(value)
}

/** Statuses an issuer delivers for a means (identifiers.csv `status`). */
export const IDENTIFIER_STATUSES = [
  'issued',
  'registered',
  'active',
  'blocked',
  'replaced',
  'expired',
] as const

export type IdentifierStatus = (typeof IDENTIFIER_STATUSES)[number]

/** Delivered statuses through which a means can be used (within its dates). */
export const USABLE_IDENTIFIER_STATUSES: readonly IdentifierStatus[] = [
  'issued',
  'registered',
  'active',
]

export function isIdentifierStatus(value: string): value is IdentifierStatus {
  return (IDENTIFIER_STATUSES as readonly string[]).includes(value)
}
