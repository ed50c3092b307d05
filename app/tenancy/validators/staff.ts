import vine from '@vinejs/vine'
import { ROLES } from '#tenancy/roles'
import { existsForUser, existsInTenant } from '#tenancy/validators/rules'

export const memberRoleValidator = vine.create({
  role: vine.enum(ROLES),
})

/** The switcher only accepts a tenant the user belongs to and that is active. */
export const switchTenantValidator = vine.withMetaData<{ userId: number }>().create({
  tenantId: vine
    .number()
    .withoutDecimals()
    .use(
      existsForUser('memberships', 'tenant_id', (query) =>
        query.whereIn('tenant_id', (sub) =>
          sub.from('tenants').select('id').where('status', 'active')
        )
      )
    ),
})

/** Filters of a tenant's own audit log; the actor must be a member of that tenant. */
export const staffAuditFiltersValidator = vine.withMetaData<{ tenantId: number }>().create({
  action: vine.string().trim().maxLength(100).optional(),
  actorUserId: vine
    .number()
    .withoutDecimals()
    .use(existsInTenant('memberships', 'user_id'))
    .optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})

export const operatorAuditFiltersValidator = vine.create({
  tenantId: vine.number().withoutDecimals().exists({ table: 'tenants', column: 'id' }).optional(),
  action: vine.string().trim().maxLength(100).optional(),
  page: vine.number().withoutDecimals().min(1).optional(),
})
