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
  {
    name: 'Vue rule choices for core and plugin UI',
    files: ['resources/js/**/*.{ts,vue}', 'plugins/*/ui/**/*.{ts,vue}'],
    rules: {
      'vue/multi-word-component-names': 'off',
      // Optional props are typed as `T | undefined`; defaults would only repeat that.
      'vue/require-default-prop': 'off',
    },
  },
  { ignores: ['build/**', 'public/assets/**', 'storage/**', '.adonisjs/**', 'tmp/**'] }
)
