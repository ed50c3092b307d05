import { sign } from 'node:crypto'
import type { OfflineListContents } from '#decisions/offline_lists/read_offline_list'
import { listHashKey } from '#decisions/offline_lists/list_hash_key'
import {
  currentListSigningKey,
  listKeyId,
  publishedListKeys,
  type PublishedKey,
} from '#decisions/offline_lists/list_signing_keys'

export const LIST_FORMAT = 'atvieglo-offline-list/1'

/**
 * A list as served and saved: `payload` is the list's JSON text, exactly the bytes signed
 * (UTF-8), so a verifier needs no canonical JSON. `public_keys` are informative; a verifier
 * trusts the keys it fetched from GET /api/v1/offline-list/keys (or was given), not these.
 */
export interface SignedOfflineList {
  payload: string
  signature: { algorithm: 'Ed25519'; key_id: string; value: string }
  public_keys: PublishedKey[]
}

export function signOfflineList(
  provider: { registrationNumber: string },
  contents: OfflineListContents,
  generatedAt: Date = new Date()
): SignedOfflineList {
  const { algorithm, input, key_id: keyId } = listHashKey()
  const payload = JSON.stringify({
    format: LIST_FORMAT,
    provider: provider.registrationNumber,
    kind: contents.kind,
    since: contents.since,
    sequence: contents.sequence,
    generated_at: generatedAt.toISOString(),
    hash: { algorithm, input, key_id: keyId },
    entries: contents.entries,
    removed: contents.removed,
  })
  const key = currentListSigningKey()
  return {
    payload,
    signature: {
      algorithm: 'Ed25519',
      key_id: listKeyId(key),
      value: sign(null, Buffer.from(payload, 'utf8'), key).toString('base64'),
    },
    public_keys: publishedListKeys(),
  }
}
