import { configApp } from '@adonisjs/eslint-config'
import { vue } from '@adonisjs/eslint-config/vue'

// The kit's Vue block (TypeScript parser + Vue rules) targets resources/js only.
const vueAppOverrides = vue.at(-1)

export default configApp(
  ...vue,
  {
    ...vueAppOverrides,
    name: 'Plugin UI uses the Vue rules too',
    files: ['plugins/*/ui/**/*.{ts,vue}'],
  },
  { ignores: ['build/**', 'public/assets/**', 'storage/**', '.adonisjs/**', 'tmp/**'] }
)
