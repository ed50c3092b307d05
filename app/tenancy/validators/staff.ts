import vine from '@vinejs/vine'
import { ROLES } from '#platform/access/roles'
import { existsForUser, existsInTenant } from '#tenancy/validators/rules'
import { int4Id, pageNumber } from '#platform/validation/database_integers'

export const memberRoleValidator = vine.create({
  role: vine.enum(ROLES),
})

/** The switcher only accepts a tenant the user belongs to and that is active. */
export const switchTenantValidator = vine.withMetaData<{ userId: number }>().create({
  tenantId: int4Id().use(
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
  actorUserId: int4Id().use(existsInTenant('memberships', 'user_id')).optional(),
  page: pageNumber().optional(),
})

export const operatorAuditFiltersValidator = vine.create({
  tenantId: int4Id().exists({ table: 'tenants', column: 'id' }).optional(),
  action: vine.string().trim().maxLength(100).optional(),
  page: pageNumber().optional(),
})
