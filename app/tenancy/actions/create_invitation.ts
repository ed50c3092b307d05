import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import type { HttpContext } from '@adonisjs/core/http'
import { absoluteUrl } from '#tenancy/auth/responses'
import Invitation from '#tenancy/models/invitation'
import type { ContextTenant } from '#platform/access/tenant_context'
import type { Role } from '#platform/access/roles'
import InvitationMail from '#tenancy/mails/invitation_mail'
import { recordAudit } from '#platform/audit/record_audit'

export const INVITATION_VALID_DAYS = 7

export function hashInvitationToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export function invitationUrl(token: string) {
  return absoluteUrl(`/invitations/${token}`)
}

export interface CreateInvitationInput {
  tenant: ContextTenant
  email: string
  fullName: string
  role: Role
  invitedByUserId: number | null
  /** Language of the mail. */
  locale: string
  ctx?: HttpContext
}

/**
 * Invites a person to a tenant with a role: stores only the sha256 of a
 * random token and mails the link carrying the token itself (valid 7 days).
 */
export default class CreateInvitation {
  async handle(input: CreateInvitationInput) {
    const token = randomBytes(32).toString('base64url')
    const invitation = await db.transaction(async (trx) => {
      const created = await Invitation.create(
        {
          tenantId: input.tenant.id,
          email: input.email.toLowerCase(),
          fullName: input.fullName,
          role: input.role,
          tokenHash: hashInvitationToken(token),
          invitedByUserId: input.invitedByUserId,
          expiresAt: DateTime.now().plus({ days: INVITATION_VALID_DAYS }),
          acceptedAt: null,
        },
        { client: trx }
      )
      await recordAudit({
        action: 'tenancy.invitation.created',
        tenantId: input.tenant.id,
        subjectType: 'invitation',
        subjectId: created.id,
        metadata: { email: created.email, role: created.role },
        ctx: input.ctx,
        trx,
      })
      return created
    })

    await mail.sendLater(
      new InvitationMail({
        to: invitation.email,
        fullName: invitation.fullName,
        tenantName: input.tenant.name,
        role: invitation.role,
        url: invitationUrl(token),
        expiresAt: invitation.expiresAt,
        locale: input.locale,
      })
    )
    return { invitation, token }
  }
}
