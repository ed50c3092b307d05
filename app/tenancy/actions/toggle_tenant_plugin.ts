import type { HttpContext } from '@adonisjs/core/http'
import type Tenant from '#tenancy/models/tenant'
import { recordAudit } from '#platform/audit/record_audit'
import { listInstalledPlugins } from '#platform/plugins/queries/list_installed_plugins'
import EnablePluginForTenant from '#platform/plugins/actions/enable_plugin_for_tenant'
import DisablePluginForTenant from '#platform/plugins/actions/disable_plugin_for_tenant'

export interface InstalledPlugin {
  id: string
  version: string
  names: { lv: string; en: string }
}

/** The installed sector plugins, as the operator portal lists them. */
export function installedPlugins(): InstalledPlugin[] {
  return listInstalledPlugins().map((plugin) => ({
    id: plugin.id,
    version: plugin.version,
    names: plugin.name,
  }))
}

/**
 * The operator switches a sector plugin on or off for one tenant, audited.
 * Dependency refusals surface as PluginStateError (plugins.errors.<reason>).
 */
export default class ToggleTenantPlugin {
  async handle(input: { tenant: Tenant; pluginId: string; enabled: boolean; ctx?: HttpContext }) {
    const { tenant, pluginId, enabled } = input
    const change = enabled
      ? await new EnablePluginForTenant().handle({ tenantId: tenant.id, pluginId })
      : await new DisablePluginForTenant().handle({ tenantId: tenant.id, pluginId })
    if (change.changed) {
      await recordAudit({
        action: enabled ? 'tenancy.plugin.enabled' : 'tenancy.plugin.disabled',
        tenantId: tenant.id,
        subjectType: 'plugin',
        subjectId: pluginId,
        metadata: { before: change.before, after: change.after },
        ctx: input.ctx,
      })
    }
    return change.changed
  }
}
