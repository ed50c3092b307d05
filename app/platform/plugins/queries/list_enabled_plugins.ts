import type { DateTime } from 'luxon'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { installedPlugins as defaultInstalled } from '#platform/plugins/installed_plugins'
import type { Labels } from '#platform/plugins/define_plugin'

export interface EnabledPlugin {
  id: string
  version: string
  name: Labels
  settings: Record<string, unknown>
  enabledAt: DateTime
}

/**
 * The installed plugins a tenant has enabled. A row left behind by a plugin
 * since removed from config/plugins.ts is not listed: it does nothing.
 */
export async function listEnabledPlugins(
  tenantId: number,
  installed = defaultInstalled
): Promise<EnabledPlugin[]> {
  const rows = await TenantPlugin.query().where('tenant_id', tenantId).orderBy('plugin_id')
  return rows.flatMap((row) => {
    const plugin = installed.get(row.pluginId)
    if (!plugin) return []
    return [
      {
        id: plugin.manifest.id,
        version: plugin.manifest.version,
        name: plugin.manifest.name,
        settings: row.settings ?? {},
        enabledAt: row.createdAt,
      },
    ]
  })
}

export async function isPluginEnabledForTenant(
  tenantId: number,
  pluginId: string,
  installed = defaultInstalled
) {
  if (!installed.has(pluginId)) return false
  const row = await TenantPlugin.query()
    .where('tenant_id', tenantId)
    .where('plugin_id', pluginId)
    .first()
  return row !== null
}
