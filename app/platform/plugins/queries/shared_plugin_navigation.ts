import router from '@adonisjs/core/services/router'
import type { TenantContext } from '#platform/access/tenant_context'
import { listPluginNavigation } from '#platform/plugins/queries/list_plugin_navigation'

/** The staff menu entries of the tenant's enabled plugins, as links for the layout. */
export async function sharedPluginNavigation(context: TenantContext) {
  const items = await listPluginNavigation(context)
  return items.map((item) => ({ href: router.makeUrl(item.route), label: item.label }))
}
