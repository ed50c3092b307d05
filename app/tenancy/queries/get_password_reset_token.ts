import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import PasswordResetToken from '#tenancy/models/password_reset_token'
import { hashToken } from '#tenancy/auth/tokens'

/** The unused, unexpired reset token for a link token, or null. */
export async function getUsablePasswordResetToken(token: string, trx?: TransactionClientContract) {
  const query = PasswordResetToken.query({ client: trx })
    .where('token_hash', hashToken(token))
    .whereNull('used_at')
    .where('expires_at', '>', DateTime.now().toSQL()!)
  if (trx) query.forUpdate()
  return query.first()
}
