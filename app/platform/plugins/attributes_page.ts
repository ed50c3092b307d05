import type { HttpContext, Router } from '@adonisjs/core/http'
import type { PluginManifest } from '#platform/plugins/define_plugin'

const PluginAttributesController = () =>
  import('#platform/plugins/controllers/plugin_attributes_controller')

/**
 * Adds core's attributes page to a plugin's route group (`/<id>`, named `<id>.index`) when the
 * manifest asks for it. A closure binds the plugin: the one controller serves every plugin.
 */
export function mountAttributesPage(router: Router, manifest: PluginManifest) {
  if (!manifest.attributesPage) return
  const page = { pluginId: manifest.id, permission: manifest.attributesPage.permission }
  router
    .get('/', async (ctx: HttpContext) => {
      const { default: Controller } = await PluginAttributesController()
      return new Controller().show(ctx, page)
    })
    .as('index')
}
