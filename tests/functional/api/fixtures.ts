import type { ApiClient as HttpClient, ApiResponse } from '@japa/api-client'
import type Tenant from '#tenancy/models/tenant'
import CreateApiClient from '#platform/api/actions/create_api_client'
import { issueAccessToken } from '#platform/api/access_tokens'
import type ApiClient from '#platform/api/models/api_client'
import type { ApiClientOwner } from '#platform/api/owner'
import type { ApiScope } from '#platform/api/scopes'

/** An API client of a tenant (or a data source) with its one-time secret. */
export async function makeApiClient(
  owner: Tenant | { dataSourceId: number },
  options: { scopes?: ApiScope[]; name?: string; rateLimitPerMinute?: number } = {}
) {
  const apiOwner: ApiClientOwner =
    'dataSourceId' in owner
      ? { type: 'data_source', id: owner.dataSourceId }
      : { type: 'tenant', tenant: owner }
  const defaultScopes: ApiScope[] =
    apiOwner.type === 'data_source'
      ? ['registers:write']
      : apiOwner.tenant.kind === 'service_provider'
        ? ['decisions:write']
        : ['catalogue:read']
  return new CreateApiClient().handle({
    owner: apiOwner,
    name: options.name ?? 'Test integration',
    scopes: options.scopes ?? defaultScopes,
    rateLimitPerMinute: options.rateLimitPerMinute,
  })
}

/** A valid bearer token for the client, without going through the token endpoint. */
export async function bearerFor(client: ApiClient, scopes: ApiScope[] = client.scopes) {
  const { token } = await issueAccessToken(client, scopes)
  return `Bearer ${token}`
}

/** POST /api/v1/oauth/token with HTTP Basic credentials. */
export function requestToken(
  http: HttpClient,
  clientId: string,
  secret: string,
  form: Record<string, string> = { grant_type: 'client_credentials' }
) {
  return http.post('/api/v1/oauth/token').basicAuth(clientId, secret).form(form)
}

/** Awaits a request and asserts its status. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}
