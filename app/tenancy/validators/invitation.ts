import vine from '@vinejs/vine'
import { DateTime } from 'luxon'
import type { FieldContext } from '@vinejs/vine/types'
import db from '@adonisjs/lucid/services/db'
import { ROLES } from '#platform/access/roles'
import { uniqueInTenant } from '#tenancy/validators/rules'

/** The person must not already be a member of the tenant given as `meta.tenantId`. */
const notAMember = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    if (!field.isValid) return
    const member = await db
      .from('memberships')
      .join('users', 'users.id', 'memberships.user_id')
      .where('memberships.tenant_id', Number(field.meta.tenantId))
      .whereRaw('lower(users.email) = ?', [String(value).toLowerCase()])
      .first()
    if (member) field.report('{{ field }} already belongs to a member', 'alreadyMember', field)
  },
  { name: 'alreadyMember', isAsync: true }
)

const email = () =>
  vine
    .string()
    .trim()
    .toLowerCase()
    .email()
    .maxLength(254)
    .use(
      uniqueInTenant('invitations', 'email', (query) =>
        query.whereNull('accepted_at').where('expires_at', '>', DateTime.now().toJSDate())
      )
    )
    .use(notAMember())

/** The operator invites a tenant's administrator (the role is fixed). */
export const adminInvitationValidator = vine.withMetaData<{ tenantId: number }>().create({
  email: email(),
  fullName: vine.string().trim().minLength(2).maxLength(200),
})

/** A tenant administrator invites a colleague with one of the five roles. */
export const staffInvitationValidator = vine.withMetaData<{ tenantId: number }>().create({
  email: email(),
  fullName: vine.string().trim().minLength(2).maxLength(200),
  role: vine.enum(ROLES),
})
