import { hkdfSync, randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'
import { appKey } from '#config/app'
import type ApiClient from '#platform/api/models/api_client'
import type { ApiClientOwnerType, ApiScope } from '#platform/api/scopes'

/**
 * Access tokens are short-lived JWTs (HS256). The signing key is derived from
 * APP_KEY with HKDF, so it needs no extra configuration and is never the raw
 * APP_KEY; rotating APP_KEY ends every token. A token alone is not enough:
 * the API middleware also checks that its client is still live and that the
 * secret has not been rotated since (the `gen` claim), see api_client_state.ts.
 */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
const ISSUER = 'atvieglo'
const AUDIENCE = 'atvieglo-api'

let signingKey: Uint8Array | undefined
function key() {
  signingKey ??= new Uint8Array(
    hkdfSync('sha256', appKey.release(), 'atvieglo-api', 'access-token-hs256', 32)
  )
  return signingKey
}

export interface AccessTokenClaims {
  /** api_clients.id */
  clientPk: number
  clientId: string
  ownerType: ApiClientOwnerType
  ownerId: number
  tenantId: number | null
  scopes: ApiScope[]
  generation: number
}

export async function issueAccessToken(
  client: ApiClient,
  scopes: ApiScope[],
  options: { issuedAt?: Date } = {}
) {
  const issuedAt = Math.floor((options.issuedAt ?? new Date()).getTime() / 1000)
  const token = await new SignJWT({
    cid: client.id,
    own: client.ownerType,
    oid: client.ownerId,
    tid: client.tenantId,
    scope: scopes.join(' '),
    gen: client.secretGeneration,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(client.clientId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(key())
  return { token, expiresIn: ACCESS_TOKEN_TTL_SECONDS }
}

/**
 * Tokens already verified on this node, until they expire: a grantor system sends the same
 * token for up to 15 minutes, and checking its signature each time was a tenth of a read's
 * cost. Keyed by the whole token, so a token differing in one bit is verified afresh.
 */
const verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>()
const MAX_VERIFIED = 10_000

/** The claims of a valid, unexpired token of ours, or null. */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
  const hit = verified.get(token)
  if (hit) {
    if (hit.expiresAt > Date.now()) return hit.claims
    verified.delete(token)
  }
  const result = await verifySignedToken(token)
  if (!result) return null
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!)
  verified.set(token, result)
  return result.claims
}

async function verifySignedToken(token: string) {
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      typ: 'at+jwt',
    })
    if (typeof payload.cid !== 'number' || typeof payload.sub !== 'string') return null
    const claims: AccessTokenClaims = {
      clientPk: payload.cid,
      clientId: payload.sub,
      ownerType: payload.own as ApiClientOwnerType,
      ownerId: Number(payload.oid),
      tenantId: typeof payload.tid === 'number' ? payload.tid : null,
      scopes: String(payload.scope ?? '')
        .split(' ')
        .filter(Boolean) as ApiScope[],
      generation: Number(payload.gen),
    }
    return { claims, expiresAt: Number(payload.exp) * 1000 }
  } catch {
    return null
  }
}
