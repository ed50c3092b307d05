import { CORE_SECTORS } from '#catalogue/catalogue_options'
import { installedPlugins } from '#platform/plugins/installed_plugins'

/** Core sectors plus one per installed sector plugin (education, welfare…). */
export function availableSectors(): string[] {
  const sectors: string[] = [...CORE_SECTORS]
  for (const plugin of installedPlugins.list()) {
    if (!sectors.includes(plugin.manifest.id)) sectors.push(plugin.manifest.id)
  }
  return sectors
}
