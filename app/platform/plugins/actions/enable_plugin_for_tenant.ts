import vine from '@vinejs/vine'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { installedPlugins as defaultInstalled } from '#platform/plugins/installed_plugins'
import { PluginStateError } from '#platform/plugins/errors'

export interface EnablePluginInput {
  tenantId: number
  pluginId: string
  /** Validated against the plugin's settings schema; kept as is when omitted. */
  settings?: Record<string, unknown>
}

export interface PluginChange {
  tenantId: number
  pluginId: string
  changed: boolean
  before: { enabled: boolean; settings: Record<string, unknown> | null }
  after: { enabled: boolean; settings: Record<string, unknown> | null }
}

/**
 * Enables an installed plugin for a tenant (or updates its settings).
 * The plugins it depends on must already be enabled for that tenant.
 * Returns what changed, for the caller's audit record.
 */
export default class EnablePluginForTenant {
  constructor(private installed = defaultInstalled) {}

  async handle(input: EnablePluginInput): Promise<PluginChange> {
    const plugin = this.installed.get(input.pluginId)
    if (!plugin) throw new PluginStateError('not_installed', input.pluginId)

    const rows = await TenantPlugin.query().where('tenant_id', input.tenantId)
    const enabledIds = new Set(rows.map((row) => row.pluginId))
    const missing = Object.keys(plugin.manifest.dependsOn ?? {}).filter((id) => !enabledIds.has(id))
    if (missing.length) {
      throw new PluginStateError('dependency_not_enabled', input.pluginId, missing)
    }

    const existing = rows.find((row) => row.pluginId === input.pluginId) ?? null
    const before = { enabled: existing !== null, settings: existing?.settings ?? null }

    let settings = existing?.settings ?? {}
    if (input.settings !== undefined) {
      settings = plugin.manifest.settings
        ? ((await vine.validate({ schema: plugin.manifest.settings, data: input.settings })) ?? {})
        : {}
    }

    const unchanged = existing && JSON.stringify(existing.settings) === JSON.stringify(settings)
    if (unchanged) {
      return {
        tenantId: input.tenantId,
        pluginId: input.pluginId,
        changed: false,
        before,
        after: before,
      }
    }

    const row = existing ?? new TenantPlugin()
    row.merge({ tenantId: input.tenantId, pluginId: input.pluginId, settings })
    await row.save()
    return {
      tenantId: input.tenantId,
      pluginId: input.pluginId,
      changed: true,
      before,
      after: { enabled: true, settings: row.settings },
    }
  }
}
