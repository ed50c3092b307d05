import { createHash } from 'node:crypto'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditFields {
  tenantId: number | null
  actorUserId: number | null
  actorLabel: string | null
  action: string
  subjectType: string | null
  subjectId: string | null
  metadata: Record<string, unknown>
  requestId: string | null
  ip: string | null
  createdAt: string
}

/** Keys sorted at every level, so the hash does not depend on key order (jsonb reorders). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])])
    )
  }
  return value
}

/** SHA-256 over the previous row's hash and this row's fields. */
export function auditHash(prevHash: string, fields: AuditFields) {
  return createHash('sha256')
    .update(prevHash)
    .update(JSON.stringify(canonical(fields)))
    .digest('hex')
}
