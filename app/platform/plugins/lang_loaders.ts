import app from '@adonisjs/core/services/app'
import { loaders } from '@adonisjs/i18n'
import pluginsConfig from '#config/plugins'

/** Each enabled plugin's resources/lang folder, namespaced by its file names. */
export function pluginLangLoaders() {
  return pluginsConfig.enabled.map((id) =>
    loaders.fs({ location: app.makePath('plugins', id, 'resources', 'lang') })
  )
}
