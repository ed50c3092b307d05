import vine from '@vinejs/vine'
import { TENANT_KINDS, TENANT_STATUSES } from '#platform/access/roles'
import { registrationNumber } from '#tenancy/validators/rules'
import { installedPlugins } from '#tenancy/actions/toggle_tenant_plugin'

/**
 * Tenant details. Registration numbers are unique across the platform; when
 * editing, pass the tenant's own id as `meta: { exceptTenantId }`.
 */
export const tenantValidator = vine.create({
  kind: vine.enum(TENANT_KINDS),
  name: vine.string().trim().minLength(2).maxLength(200),
  registrationNumber: vine
    .string()
    .trim()
    .use(registrationNumber())
    .unique(async (db, value, field) => {
      const query = db.from('tenants').where('registration_number', value)
      if (field.meta.exceptTenantId) query.whereNot('id', field.meta.exceptTenantId)
      return !(await query.first())
    }),
  contactEmail: vine.string().trim().email().maxLength(254),
  contactPhone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^\+?[0-9 ()-]{5,}$/)
    .nullable()
    .optional(),
})

export const tenantFiltersValidator = vine.create({
  kind: vine.enum(TENANT_KINDS).optional(),
  status: vine.enum(TENANT_STATUSES).optional(),
})

export const pluginToggleValidator = vine.create({
  pluginId: vine.enum(() => installedPlugins().map((plugin) => plugin.id)),
  enabled: vine.boolean(),
})
