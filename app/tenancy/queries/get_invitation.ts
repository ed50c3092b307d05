import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Invitation from '#tenancy/models/invitation'
import { hashToken } from '#tenancy/auth/tokens'
import { platformScope } from '#platform/database/tenant_scope'

/**
 * The invitation behind a link token, with its tenant, whatever its state. Its reader is not
 * a member yet: the link's secret, not a tenant scope, is what entitles them to it.
 */
export async function getInvitationByToken(token: string, trx?: TransactionClientContract) {
  return platformScope('identity_resolution', () => findInvitation(token, trx))
}

async function findInvitation(token: string, trx?: TransactionClientContract) {
  const query = Invitation.query({ client: trx })
    .where('token_hash', hashToken(token))
    .preload('tenant')
  if (trx) query.forUpdate()
  return query.first()
}
