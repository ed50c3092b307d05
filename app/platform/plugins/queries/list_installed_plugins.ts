import { installedPlugins as defaultInstalled } from '#platform/plugins/installed_plugins'

/** The plugins this installation runs (config/plugins.ts), for the operator portal. */
export function listInstalledPlugins(installed = defaultInstalled) {
  return installed.list().map(({ manifest }) => ({
    id: manifest.id,
    version: manifest.version,
    name: manifest.name,
    description: manifest.description ?? null,
    dependsOn: Object.keys(manifest.dependsOn ?? {}),
    hasSettings: manifest.settings !== undefined,
  }))
}
