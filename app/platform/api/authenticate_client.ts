import { DateTime } from 'luxon'
import ApiClient from '#platform/api/models/api_client'
import { secretMatches, hashClientSecret } from '#platform/api/credentials'
import { platformScope } from '#platform/database/tenant_scope'

// Compared against when the client id is unknown, so timing does not reveal which ids exist.
const DUMMY_HASH = hashClientSecret('atvieglo-no-such-client')

/**
 * The live client with these credentials, or null (unknown id, wrong secret,
 * revoked, or its tenant suspended). Marks the client as used.
 */
export function authenticateClient(clientId: string, secret: string) {
  // Before a token, the request has no tenant yet: the client is found by its id across tenants.
  return platformScope('identity_resolution', () => findLiveClient(clientId, secret))
}

async function findLiveClient(clientId: string, secret: string) {
  const client = await ApiClient.query()
    .where('client_id', clientId)
    .leftJoin('tenants', 'tenants.id', 'api_clients.tenant_id')
    .select('api_clients.*', 'tenants.status as tenant_status')
    .first()
  const matches = secretMatches(secret, client?.secretHash ?? DUMMY_HASH)
  if (!client || !matches || client.isRevoked) return null
  if (client.ownerType === 'tenant' && client.$extras.tenant_status !== 'active') return null
  client.lastUsedAt = DateTime.now()
  await client.save()
  return client
}
