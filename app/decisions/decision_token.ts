import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'
import { appKey } from '#config/app'

/**
 * A decision's id is a compact signed token (`<payload>.<mac>`, base64url), so nothing is stored
 * per decision and a transaction can cite it: the server verifies the MAC and reads what was
 * decided. It names the benefit, never the person or why they are entitled.
 */
export interface DecisionClaims {
  /** Random, unique per decision. */
  jti: string
  /** The API client that asked (its row id). */
  client: number
  /** The provider tenant the client belongs to. */
  provider: number
  service: string
  /** When the service is used, ISO 8601. */
  at: string
  /** The benefit applied, or null when none applies. */
  benefit: { code: string; versionId: number; grantorTenantId: number } | null
}

const VERSION = 'd1'
let key: Buffer | undefined

function macKey(): Buffer {
  key ??= Buffer.from(
    hkdfSync('sha256', appKey.release(), 'atvieglo-decisions', 'decision-id-mac:v1', 32)
  )
  return key
}

function mac(payload: string): string {
  return createHmac('sha256', macKey()).update(`${VERSION}.${payload}`).digest('base64url')
}

export function newDecisionJti(): string {
  return randomBytes(12).toString('base64url')
}

export function signDecision(claims: DecisionClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${VERSION}.${payload}.${mac(payload)}`
}

/** The claims of a token this platform signed, or null (forged, altered, malformed). */
export function verifyDecision(token: string): DecisionClaims | null {
  const [version, payload, signature, extra] = token.split('.')
  if (version !== VERSION || !payload || !signature || extra !== undefined) return null
  const expected = Buffer.from(mac(payload))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DecisionClaims
  } catch {
    return null
  }
}
