import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import Membership from '#tenancy/models/membership'
import type { Role } from '#platform/access/roles'
import { recordAudit } from '#platform/audit/record_audit'
import { endUserSessions } from '#platform/sessions/end_user_sessions'

/** Raised when a change would leave a tenant without an administrator. */
export class LastAdminError extends Error {
  constructor() {
    super('A tenant must keep at least one administrator')
  }
}

/** Locks the tenant's admin memberships and tells whether `membership` is the only one. */
export async function isLastAdmin(membership: Membership, trx: TransactionClientContract) {
  if (membership.role !== 'tenant_admin') return false
  const admins = await trx
    .from('memberships')
    .where('tenant_id', membership.tenantId)
    .where('role', 'tenant_admin')
    .forUpdate()
    .select('id')
  return admins.length <= 1
}

/**
 * Gives a member of the tenant another role; the last administrator cannot be
 * demoted. The member's open sessions end, so the new role starts at a new login.
 */
export default class ChangeMemberRole {
  async handle(input: { tenantId: number; membershipId: number; role: Role; ctx?: HttpContext }) {
    return db.transaction(async (trx) => {
      const membership = await Membership.query({ client: trx })
        .where('tenant_id', input.tenantId)
        .where('id', input.membershipId)
        .firstOrFail()
      const from = membership.role
      if (from === input.role) return membership
      if (await isLastAdmin(membership, trx)) throw new LastAdminError()

      membership.role = input.role
      await membership.save()
      await endUserSessions(membership.userId, { client: trx })
      await recordAudit({
        action: 'tenancy.membership.changed',
        tenantId: input.tenantId,
        subjectType: 'membership',
        subjectId: membership.id,
        metadata: { userId: membership.userId, from, to: input.role },
        ctx: input.ctx,
        trx,
      })
      return membership
    })
  }
}
