import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'

export default configApp(
  ...vue,
  {
    name: 'Plugin UI uses the Vue rules too',
    files: ['plugins/*/ui/**/*.{ts,vue}'],
    rules: {
      'vue/multi-word-component-names': 'off',
    },
  },
  { ignores: ['build/**', 'public/assets/**', 'storage/**', '.adonisjs/**', 'tmp/**'] }
)
