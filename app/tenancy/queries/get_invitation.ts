import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Invitation from '#tenancy/models/invitation'
import { hashToken } from '#tenancy/auth/tokens'

/** The invitation behind a link token, with its tenant, whatever its state. */
export async function getInvitationByToken(token: string, trx?: TransactionClientContract) {
  const query = Invitation.query({ client: trx })
    .where('token_hash', hashToken(token))
    .preload('tenant')
  if (trx) query.forUpdate()
  return query.first()
}
