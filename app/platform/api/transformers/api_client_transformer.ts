import { BaseTransformer } from '@adonisjs/core/transformers'
import type ApiClient from '#platform/api/models/api_client'

/** An API client as the admin sees it: never its secret or the secret's hash. */
export default class ApiClientTransformer extends BaseTransformer<ApiClient> {
  toObject() {
    const client = this.resource
    return {
      ...this.pick(client, ['id', 'name', 'clientId', 'scopes', 'rateLimitPerMinute']),
      status: (client.isRevoked ? 'revoked' : 'active') as 'revoked' | 'active',
      createdAt: client.createdAt.toISO()!,
      lastUsedAt: client.lastUsedAt?.toISO() ?? null,
      revokedAt: client.revokedAt?.toISO() ?? null,
    }
  }
}
