import { indexPages } from '@adonisjs/inertia'
import { indexEntities } from '@adonisjs/core'
import { defineConfig } from '@adonisjs/core/app'
import { indexPluginPages } from './app/platform/plugins/index_plugin_pages.js'

export default defineConfig({
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/bouncer/commands'),
    () => import('@adonisjs/mail/commands'),
    () => import('#platform/commands/main'),
    () => import('#tenancy/commands/main'),
    () => import('#registers/commands/main'),
    () => import('#entitlements/commands/main'),
    () => import('#decisions/commands/main'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('#providers/embedded_database_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('#providers/tenant_scope_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/vite/vite_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('#providers/queue_provider'),
    () => import('@adonisjs/inertia/inertia_provider'),
    () => import('#providers/plugins_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/events'),
  ],

  tests: {
    suites: [
      {
        files: ['tests/unit/**/*.spec.ts', 'plugins/*/tests/unit/**/*.spec.ts'],
        name: 'unit',
        timeout: 10000,
      },
      {
        files: ['tests/functional/**/*.spec.ts', 'plugins/*/tests/functional/**/*.spec.ts'],
        name: 'functional',
        timeout: 30000,
      },
      {
        files: ['tests/browser/**/*.spec.ts', 'plugins/*/tests/browser/**/*.spec.ts'],
        name: 'browser',
        timeout: 120000,
      },
    ],
    forceExit: false,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.json', reloadServer: false },
    { pattern: 'plugins/*/resources/lang/**/*.json', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    {
      pattern: 'resources/lang/**/*.{json,yaml,yml}',
      reloadServer: false,
    },
  ],
  hooks: {
    buildStarting: [
      () => import('./app/platform/build_hooks/route_types_hook.js'),
      () => import('@adonisjs/vite/build_hook'),
    ],
    init: [
      indexPages({ framework: 'vue3', source: 'resources/js/pages' }),
      indexPluginPages(),
      // The pages' prop types: `Data.<Context>.<Name>` for every app/<context>/**/transformers file.
      indexEntities({
        events: { enabled: false },
        listeners: { enabled: false },
        controllers: { enabled: false },
        transformers: {
          enabled: true,
          source: 'app',
          glob: ['**/transformers/*_transformer.ts'],
          importAlias: '#app',
          inertiaMiddlewareImportPath: '#tenancy/middleware/inertia_middleware',
          withSharedProps: true,
        },
      }),
    ],
  },
})
