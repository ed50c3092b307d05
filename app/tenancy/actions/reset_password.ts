import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#tenancy/models/user'
import PasswordResetToken from '#tenancy/models/password_reset_token'
import { recordAudit } from '#platform/audit/record_audit'
import { endUserSessions } from '#platform/sessions/end_user_sessions'
import { getUsablePasswordResetToken } from '#tenancy/queries/get_password_reset_token'

/**
 * Sets a new password from a reset link. The token row is locked, so a link
 * works once even when submitted twice at the same moment; every other open
 * link of the user is spent too, and every session the user had open ends
 * (whoever knew the old password may be in one).
 */
export default class ResetPassword {
  async handle(input: { ctx: HttpContext; token: string; password: string }) {
    return db.transaction(async (trx) => {
      const resetToken = await getUsablePasswordResetToken(input.token, trx)
      if (!resetToken) return false

      const user = await User.findOrFail(resetToken.userId, { client: trx })
      user.password = input.password
      await user.save()

      await PasswordResetToken.query({ client: trx })
        .where('user_id', user.id)
        .whereNull('used_at')
        .update({ used_at: DateTime.now().toSQL() })
      await endUserSessions(user.id, { except: input.ctx.session.sessionId, client: trx })

      await recordAudit({
        action: 'auth.password.reset',
        ctx: input.ctx,
        actorUserId: user.id,
        actorLabel: user.email,
        subjectType: 'user',
        subjectId: user.id,
        trx,
      })
      return true
    })
  }
}
