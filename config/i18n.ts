import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { pluginLangLoaders } from '#platform/plugins/lang_loaders'

const i18nConfig = defineConfig({
  defaultLocale: 'lv',
  supportedLocales: ['lv', 'en'],
  formatter: formatters.icu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() }), ...pluginLangLoaders()],
})

export default i18nConfig
