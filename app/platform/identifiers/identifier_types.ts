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
