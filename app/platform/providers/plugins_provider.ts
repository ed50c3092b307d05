import { readFile } from 'node:fs/promises'
import type { ApplicationService } from '@adonisjs/core/types'
import type { PluginProvider } from '#platform/plugins/define_plugin'
import { installedPlugins } from '#platform/plugins/installed_plugins'
import {
  loadPlugins,
  mountPluginRoutes,
  pluginMigrationPaths,
  pluginSeederPaths,
} from '#platform/plugins/plugin_loader'
import { freezeRegistries, registries } from '#platform/plugins/registry'

/**
 * Loads the plugins listed in config/plugins.ts: fills and freezes the
 * registries, adds their migrations and seeders to Lucid, mounts their
 * routes and runs their own providers' lifecycle hooks.
 */
export default class PluginsProvider {
  #providers: PluginProvider[] = []

  constructor(protected app: ApplicationService) {}

  async boot() {
    const { default: pluginsConfig } = await import('#config/plugins')
    const packageJson = JSON.parse(await readFile(this.app.makePath('package.json'), 'utf8'))
    const viteManifest = this.app.config.get<string | undefined>('vite.manifestFile')
    const plugins = await loadPlugins({
      ids: pluginsConfig.enabled,
      coreVersion: packageJson.version,
      registries,
      appRoot: this.app.makePath(),
      viteManifest: viteManifest && this.app.makePath(viteManifest),
    })
    freezeRegistries(registries)
    installedPlugins.set(plugins)
    this.#addDatabasePaths(plugins)

    for (const { manifest } of plugins) {
      if (!manifest.provider) continue
      const { default: Provider } = await manifest.provider()
      this.#providers.push(new Provider(this.app))
    }
    for (const provider of this.#providers) await provider.register?.()
    for (const provider of this.#providers) await provider.boot?.()
  }

  async start() {
    const router = await this.app.container.make('router')
    const { middleware, webStack } = await import('#start/kernel')
    mountPluginRoutes(installedPlugins.list(), router, (plugin) => [
      ...webStack(),
      middleware.auth(),
      middleware.tenant(),
      middleware.pluginEnabled({ plugin }),
    ])
    for (const provider of this.#providers) await provider.start?.()
  }

  async ready() {
    for (const provider of this.#providers) await provider.ready?.()
  }

  async shutdown() {
    for (const provider of this.#providers) {
      try {
        await provider.shutdown?.()
      } catch (error) {
        // A throwing shutdown would keep the process alive; report and go on.
        console.error(error)
      }
    }
  }

  /**
   * Lucid reads these arrays when a migrator or seeder runs, so extending them in place is
   * enough. Every connection (the app role's and the owner's) gets them.
   */
  #addDatabasePaths(plugins: Parameters<typeof pluginMigrationPaths>[0]) {
    const connections = this.app.config.get<
      Record<string, { migrations?: { paths?: string[] }; seeders?: { paths?: string[] } }>
    >('database.connections', {})
    for (const connection of Object.values(connections)) {
      const migrations = (connection.migrations = { ...connection.migrations })
      const seeders = (connection.seeders = { ...connection.seeders })
      migrations.paths = [...(migrations.paths ?? ['database/migrations'])]
      seeders.paths = [...(seeders.paths ?? ['database/seeders'])]
      for (const path of pluginMigrationPaths(plugins)) {
        if (!migrations.paths.includes(path)) migrations.paths.push(path)
      }
      for (const path of pluginSeederPaths(plugins)) {
        if (!seeders.paths.includes(path)) seeders.paths.push(path)
      }
    }
  }
}
