import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import User from '#tenancy/models/user'
import type Invitation from '#tenancy/models/invitation'
import Membership from '#tenancy/models/membership'
import { recordAudit } from '#platform/audit/record_audit'
import { getInvitationByToken } from '#tenancy/queries/get_invitation'
import { runInTenant } from '#platform/database/tenant_scope'

export type AcceptInvitationInput = {
  ctx: HttpContext
  token: string
  /** A new account's name and password; absent when an existing user accepts. */
  account?: { fullName: string; password: string; locale: string }
  /** The logged-in user the invitation is addressed to. */
  existingUser?: User
}

/**
 * Turns an invitation into a membership (creating the user when the address
 * has no account yet) and marks it accepted. Null when the invitation is no
 * longer usable.
 */
export default class AcceptInvitation {
  async handle(input: AcceptInvitationInput) {
    return db.transaction(async (trx) => {
      const invitation = await getInvitationByToken(input.token, trx)
      if (!invitation || !invitation.isUsable) return null
      return runInTenant(invitation.tenantId, () => this.#accept(input, invitation, trx))
    })
  }

  async #accept(
    input: AcceptInvitationInput,
    invitation: Invitation,
    trx: TransactionClientContract
  ) {
    const email = invitation.email.toLowerCase()
    let user = input.existingUser
    if (!user) {
      if (!input.account) throw new Error('A new account needs a name and a password')
      user =
        (await User.query({ client: trx }).where('email', email).forUpdate().first()) ?? undefined
      if (user && user.password !== null) return null
      if (!user) {
        user = new User()
        user.merge({ email, isPlatformOperator: false, totpSecret: null, totpEnabledAt: null })
      }
      user.useTransaction(trx)
      user.merge(input.account)
      await user.save()
    }

    const membership = await Membership.query({ client: trx })
      .where('tenant_id', invitation.tenantId)
      .where('user_id', user.id)
      .first()
    if (!membership) {
      await Membership.create(
        { tenantId: invitation.tenantId, userId: user.id, role: invitation.role },
        { client: trx }
      )
    }

    invitation.useTransaction(trx)
    invitation.acceptedAt = DateTime.now()
    await invitation.save()

    await recordAudit({
      action: 'tenancy.invitation.accepted',
      ctx: input.ctx,
      tenantId: invitation.tenantId,
      actorUserId: user.id,
      actorLabel: user.email,
      subjectType: 'invitation',
      subjectId: invitation.id,
      metadata: { role: invitation.role, newUser: !input.existingUser },
      trx,
    })
    return { user, invitation }
  }
}
