import { createHash, createHmac } from 'node:crypto'

/** prev_mac of the first entry. */
export const GENESIS_MAC = '0'.repeat(64)

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

/** Keys sorted at every level, so the MAC does not depend on key order (jsonb reorders). */
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

/**
 * HMAC-SHA256 under the audit MAC key over the previous entry's MAC and this entry's fields.
 * Without the key, nobody can compute the MAC of an edited entry or re-link the entries after it.
 */
export function auditMac(key: Buffer, prevMac: string, fields: AuditFields) {
  return createHmac('sha256', key)
    .update(prevMac)
    .update(JSON.stringify(canonical(fields)))
    .digest('hex')
}

/**
 * The unkeyed SHA-256 chain of installs before migration 1320: read only to check the old chain
 * before it is re-chained under the key (rechain_audit_log.ts).
 */
export function legacyAuditHash(prevHash: string, fields: AuditFields) {
  return createHash('sha256')
    .update(prevHash)
    .update(JSON.stringify(canonical(fields)))
    .digest('hex')
}
