import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'

export default configApp(
  ...vue,
  {
    name: 'Vue rules for core and plugin UI',
    files: ['resources/js/**/*.{ts,vue}', 'plugins/*/ui/**/*.{ts,vue}'],
    rules: {
      'vue/multi-word-component-names': 'off',
      // Optional props are typed as `T | undefined`; defaults would only repeat that.
      'vue/require-default-prop': 'off',
    },
  },
  { ignores: ['build/**', 'public/assets/**', 'storage/**', '.adonisjs/**', 'tmp/**'] }
)
