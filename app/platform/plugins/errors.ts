import { Exception } from '@adonisjs/core/exceptions'

export type PluginStateErrorCode = 'not_installed' | 'dependency_not_enabled' | 'required_by'

/**
 * Enabling or disabling a plugin for a tenant was refused. `code` and
 * `plugins` let the caller show a translated reason (plugins.errors.<code>).
 */
export class PluginStateError extends Exception {
  static status = 422

  constructor(
    readonly reason: PluginStateErrorCode,
    readonly pluginId: string,
    readonly plugins: string[] = []
  ) {
    super(
      {
        not_installed: `Plugin "${pluginId}" is not installed`,
        dependency_not_enabled: `Plugin "${pluginId}" needs ${plugins.join(', ')} enabled first`,
        required_by: `Plugin "${pluginId}" is required by ${plugins.join(', ')}`,
      }[reason],
      { code: `E_PLUGIN_${reason.toUpperCase()}` }
    )
  }
}
