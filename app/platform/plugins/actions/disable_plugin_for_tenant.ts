import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { installedPlugins as defaultInstalled } from '#platform/plugins/installed_plugins'
import { PluginStateError } from '#platform/plugins/errors'
import type { PluginChange } from '#platform/plugins/actions/enable_plugin_for_tenant'

/**
 * Disables a plugin for a tenant. Refused while another plugin the tenant
 * enabled depends on it. Works for plugins no longer installed too, so
 * their leftover rows can be cleared. Returns what changed.
 */
export default class DisablePluginForTenant {
  constructor(private installed = defaultInstalled) {}

  async handle(input: { tenantId: number; pluginId: string }): Promise<PluginChange> {
    const rows = await TenantPlugin.query().where('tenant_id', input.tenantId)
    const existing = rows.find((row) => row.pluginId === input.pluginId)
    if (!existing) {
      const state = { enabled: false, settings: null }
      return {
        tenantId: input.tenantId,
        pluginId: input.pluginId,
        changed: false,
        before: state,
        after: state,
      }
    }

    const dependents = rows
      .map((row) => this.installed.get(row.pluginId))
      .filter((plugin) => plugin && input.pluginId in (plugin.manifest.dependsOn ?? {}))
      .map((plugin) => plugin!.manifest.id)
    if (dependents.length) throw new PluginStateError('required_by', input.pluginId, dependents)

    const before = { enabled: true, settings: existing.settings }
    await existing.delete()
    return {
      tenantId: input.tenantId,
      pluginId: input.pluginId,
      changed: true,
      before,
      after: { enabled: false, settings: null },
    }
  }
}
