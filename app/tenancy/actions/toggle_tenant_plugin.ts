/*
|--------------------------------------------------------------------------
| Sector plugins per tenant (interim)
|--------------------------------------------------------------------------
|
| installedPlugins / enablePluginForTenant / disablePluginForTenant follow
| the interface of app/platform/plugins/, which reads the plugin manifests.
| Until that lands here they read the ids from config/plugins.ts.
|
*/
import type { HttpContext } from '@adonisjs/core/http'
import pluginsConfig from '#config/plugins'
import TenantPlugin from '#tenancy/models/tenant_plugin'
import type Tenant from '#tenancy/models/tenant'
import { recordAudit } from '#platform/audit/record_audit'

export interface InstalledPlugin {
  id: string
  version: string
  names: { lv: string; en: string }
}

export function installedPlugins(): InstalledPlugin[] {
  return pluginsConfig.enabled.map((id) => ({ id, version: '0.0.0', names: { lv: id, en: id } }))
}

/** Returns true when the plugin was not enabled before. */
export async function enablePluginForTenant(tenantId: number, pluginId: string) {
  if (!installedPlugins().some((plugin) => plugin.id === pluginId)) {
    throw new Error(`Plugin "${pluginId}" is not installed`)
  }
  const existing = await TenantPlugin.query()
    .where('tenant_id', tenantId)
    .where('plugin_id', pluginId)
    .first()
  if (existing) return false
  await TenantPlugin.create({ tenantId, pluginId, settings: {} })
  return true
}

/** Returns true when the plugin was enabled before. */
export async function disablePluginForTenant(tenantId: number, pluginId: string) {
  const deleted = await TenantPlugin.query()
    .where('tenant_id', tenantId)
    .where('plugin_id', pluginId)
    .delete()
  return Number(Array.isArray(deleted) ? deleted[0] : deleted) > 0
}

/** The operator switches a sector plugin on or off for one tenant, audited. */
export default class ToggleTenantPlugin {
  async handle(input: { tenant: Tenant; pluginId: string; enabled: boolean; ctx?: HttpContext }) {
    const { tenant, pluginId, enabled } = input
    const changed = enabled
      ? await enablePluginForTenant(tenant.id, pluginId)
      : await disablePluginForTenant(tenant.id, pluginId)
    if (changed) {
      await recordAudit({
        action: enabled ? 'tenancy.plugin.enabled' : 'tenancy.plugin.disabled',
        tenantId: tenant.id,
        subjectType: 'plugin',
        subjectId: pluginId,
        ctx: input.ctx,
      })
    }
    return changed
  }
}
