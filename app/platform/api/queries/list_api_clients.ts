import ApiClient from '#platform/api/models/api_client'
import { type ApiClientOwner, whereOwner } from '#platform/api/owner'

/** One owner's clients, live ones first, newest first. */
export async function listApiClients(owner: ApiClientOwner) {
  return whereOwner(ApiClient.query(), owner)
    .orderByRaw('revoked_at IS NOT NULL')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
}
