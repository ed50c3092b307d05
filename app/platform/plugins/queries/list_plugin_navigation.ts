import type { TenantContext } from '#platform/access/tenant_context'
import { registries as defaultRegistries } from '#platform/plugins/registry'
import { hasPluginPermission } from '#platform/plugins/permissions'
import { listEnabledPlugins } from '#platform/plugins/queries/list_enabled_plugins'

/** Menu items of the plugins the tenant enabled that the member's role may see. */
export async function listPluginNavigation(context: TenantContext, registries = defaultRegistries) {
  const enabledPlugins = await listEnabledPlugins(context.tenantId)
  const enabled = new Set(enabledPlugins.map((plugin) => plugin.id))
  return registries.navigation
    .all()
    .filter((item) => enabled.has(item.owner))
    .filter((item) => !item.permission || hasPluginPermission(context, item.permission, registries))
    .map((item) => ({ plugin: item.owner, label: item.label, route: item.route }))
}
