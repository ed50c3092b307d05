import { Bouncer } from '@adonisjs/bouncer'
import type { StaffUser, TenantContext } from '#platform/access/tenant_context'
import { registries as defaultRegistries } from '#platform/plugins/registry'

/** Whether the member's role holds a permission a plugin declared. Unknown permissions are denied. */
export function hasPluginPermission(
  context: TenantContext,
  permission: string,
  registries = defaultRegistries
) {
  const definition = registries.permissions.get(permission)
  return definition !== undefined && definition.roles.includes(context.role)
}

/** Bouncer ability for plugin controllers: `bouncer.authorize(usePluginPermission, ctx.tenantContext, key)`. */
export const usePluginPermission = Bouncer.ability(
  (_user: StaffUser, context: TenantContext, permission: string) =>
    hasPluginPermission(context, permission)
)
