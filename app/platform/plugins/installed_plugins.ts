import type { LoadedPlugin } from '#platform/plugins/plugin_loader'

/** The plugins loaded at boot, in dependency order. Filled once by the plugins provider. */
export class InstalledPlugins {
  #plugins: LoadedPlugin[] = []

  set(plugins: LoadedPlugin[]) {
    this.#plugins = [...plugins]
  }

  list() {
    return this.#plugins
  }

  get(id: string) {
    return this.#plugins.find((plugin) => plugin.manifest.id === id)
  }

  has(id: string) {
    return this.get(id) !== undefined
  }
}

export const installedPlugins = new InstalledPlugins()
