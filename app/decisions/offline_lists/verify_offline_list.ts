import { verify, type KeyObject } from 'node:crypto'
import { LIST_FORMAT } from '#decisions/offline_lists/sign_offline_list'
import { listKeyId } from '#decisions/offline_lists/list_signing_keys'

export type ListVerification =
  { ok: true; keyId: string; list: Record<string, any> } | { ok: false; reason: string }

/**
 * Checks a saved list (the endpoint's JSON text, or its `data`) against trusted public keys: the signature
 * over the payload's bytes, by the key its key id names. The document's own `public_keys`
 * are never trusted (whoever altered the list could have replaced them).
 */
export function verifyOfflineList(text: string, trusted: KeyObject[]): ListVerification {
  let document: any
  try {
    document = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'not JSON' }
  }
  const { payload, signature } = document?.data ?? document ?? {}
  if (typeof payload !== 'string' || typeof signature?.value !== 'string') {
    return { ok: false, reason: 'no payload or signature' }
  }
  if (signature.algorithm !== 'Ed25519') {
    return { ok: false, reason: `unknown algorithm ${signature.algorithm}` }
  }
  const key = trusted.find((candidate) => listKeyId(candidate) === signature.key_id)
  if (!key) return { ok: false, reason: `no trusted key with id ${signature.key_id}` }
  const valid = verify(
    null,
    Buffer.from(payload, 'utf8'),
    key,
    Buffer.from(signature.value, 'base64')
  )
  if (!valid) return { ok: false, reason: 'the signature does not match the payload' }
  const list = JSON.parse(payload)
  if (list.format !== LIST_FORMAT) return { ok: false, reason: `unknown format ${list.format}` }
  return { ok: true, keyId: signature.key_id, list }
}
