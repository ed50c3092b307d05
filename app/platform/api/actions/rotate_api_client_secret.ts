import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import ApiClient from '#platform/api/models/api_client'
import { recordAudit } from '#platform/audit/record_audit'
import { generateClientSecret, hashClientSecret } from '#platform/api/credentials'
import { forgetApiClientState } from '#platform/api/api_client_state'
import { type ApiClientOwner, whereOwner } from '#platform/api/owner'

export class ApiClientRevokedError extends Error {
  constructor() {
    super('The API client is revoked')
    this.name = 'ApiClientRevokedError'
  }
}

/**
 * Replaces a client's secret: the old secret and every token issued with it
 * stop working. The new secret is returned here once.
 */
export default class RotateApiClientSecret {
  async handle(input: { owner: ApiClientOwner; id: number; ctx?: HttpContext }) {
    const secret = generateClientSecret()
    const client = await db.transaction(async (trx) => {
      const found = await whereOwner(ApiClient.query({ client: trx }), input.owner)
        .where('id', input.id)
        .forUpdate()
        .firstOrFail()
      if (found.isRevoked) throw new ApiClientRevokedError()
      found.secretHash = hashClientSecret(secret)
      found.secretGeneration += 1
      await found.save()
      await recordAudit({
        action: 'api.client.secret_rotated',
        tenantId: found.tenantId,
        subjectType: 'api_client',
        subjectId: found.id,
        metadata: { clientId: found.clientId, generation: found.secretGeneration },
        ctx: input.ctx,
        trx,
      })
      return found
    })
    forgetApiClientState(client.id)
    return { client, secret }
  }
}
