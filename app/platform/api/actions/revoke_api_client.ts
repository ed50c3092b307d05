import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import ApiClient from '#platform/api/models/api_client'
import { recordAudit } from '#platform/audit/record_audit'
import { forgetApiClientState } from '#platform/api/api_client_state'
import { type ApiClientOwner, whereOwner } from '#platform/api/owner'

/** Revokes a client for good: its secret and tokens stop working. Revoking twice is a no-op. */
export default class RevokeApiClient {
  async handle(input: { owner: ApiClientOwner; id: number; ctx?: HttpContext }) {
    const client = await db.transaction(async (trx) => {
      const found = await whereOwner(ApiClient.query({ client: trx }), input.owner)
        .where('id', input.id)
        .forUpdate()
        .firstOrFail()
      if (found.isRevoked) return found
      found.revokedAt = DateTime.now()
      await found.save()
      await recordAudit({
        action: 'api.client.revoked',
        tenantId: found.tenantId,
        subjectType: 'api_client',
        subjectId: found.id,
        metadata: { clientId: found.clientId, name: found.name },
        ctx: input.ctx,
        trx,
      })
      return found
    })
    forgetApiClientState(client.id)
    return client
  }
}
