import { readFile } from 'node:fs/promises'
import pluginsConfig from '#config/plugins'
import { loadPlugins } from '#platform/plugins/plugin_loader'
import { createRegistries } from '#platform/plugins/registry'

/**
 * The attribute registry as the app's boot fills it — core's attributes and the enabled
 * plugins' manifests, through the real plugin loader — for benchmarks, which run without
 * booting the app.
 */
export async function installedAttributes() {
  const packageJson = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8')
  )
  const registries = createRegistries()
  await loadPlugins({ ids: pluginsConfig.enabled, coreVersion: packageJson.version, registries })
  return registries.attributes.all()
}
