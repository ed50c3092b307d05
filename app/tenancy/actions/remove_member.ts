import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import Membership from '#tenancy/models/membership'
import { LastAdminError, isLastAdmin } from '#tenancy/actions/change_member_role'
import { recordAudit } from '#platform/audit/record_audit'
import { endUserSessions } from '#platform/sessions/end_user_sessions'

/**
 * Removes a person from the tenant (the user account stays; their open sessions
 * end); never the last administrator.
 */
export default class RemoveMember {
  async handle(input: { tenantId: number; membershipId: number; ctx?: HttpContext }) {
    return db.transaction(async (trx) => {
      const membership = await Membership.query({ client: trx })
        .where('tenant_id', input.tenantId)
        .where('id', input.membershipId)
        .firstOrFail()
      if (await isLastAdmin(membership, trx)) throw new LastAdminError()

      await membership.delete()
      await endUserSessions(membership.userId, { client: trx })
      await recordAudit({
        action: 'tenancy.membership.removed',
        tenantId: input.tenantId,
        subjectType: 'membership',
        subjectId: membership.id,
        metadata: { userId: membership.userId, role: membership.role },
        ctx: input.ctx,
        trx,
      })
    })
  }
}
