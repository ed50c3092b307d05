import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { importEdges, importsOf, landingOf } from './import_graph.js'

/**
 * The data's journey, upstream first (docs/architecture.md). A context may import the contexts
 * before it and never one after it: later contexts learn of earlier ones' changes through
 * domain events (app/platform/events, wired in start/events.ts).
 */
const JOURNEY = [
  'platform',
  'tenancy',
  'registers',
  'eligibility',
  'catalogue',
  'entitlements',
  'identification',
  'decisions',
  'transactions',
  'settlement',
  'reporting',
  'publishing',
]

/** The one place core names plugins: the list of enabled manifests. */
const PLUGIN_LIST = 'config/plugins.ts'

test.group('Architecture: imports follow the journey', () => {
  test('no context imports one downstream of it', async ({ assert }) => {
    const edges = await importEdges(app.makePath(), ['app/**/*.ts'])
    assert.isAbove(edges.length, 500)
    const violations = edges
      .filter((edge) => edge.landing !== 'plugins')
      .filter((edge) => {
        const from = edge.file.split('/')[1]
        return rank(edge.landing) > rank(from)
      })
      .map(
        (e) =>
          `${e.file} imports ${e.specifier} (${e.file.split('/')[1]} may not import ${e.landing})`
      )
    assert.deepEqual(violations, [], `\n${violations.join('\n')}`)
  })

  test('every folder of app/ is a context of the journey', async ({ assert }) => {
    const edges = await importEdges(app.makePath(), ['app/**/*.ts'])
    const contexts = new Set(edges.map((edge) => edge.file.split('/')[1]))
    for (const context of contexts) assert.include(JOURNEY, context, `app/${context}`)
  })

  test('core never imports a plugin; only config/plugins.ts lists them', async ({ assert }) => {
    const edges = await importEdges(app.makePath(), [
      'app/**/*.ts',
      'config/**/*.ts',
      'start/**/*.ts',
      'database/**/*.ts',
    ])
    const violations = edges
      .filter((edge) => edge.landing === 'plugins' && edge.file !== PLUGIN_LIST)
      .map((edge) => `${edge.file} imports ${edge.specifier}`)
    assert.deepEqual(violations, [], `\n${violations.join('\n')}`)
  })
})

test.group('Architecture: the import collector', () => {
  test('finds static, multi-line, type-only, re-exported and dynamic imports', ({ assert }) => {
    const source = [
      "import db from '@adonisjs/lucid/services/db'",
      'import {',
      '  a,',
      '  b,',
      "} from '#entitlements/engine/service'",
      "import type { T } from '#catalogue/models/benefit'",
      "export { c } from '../registers/x.js'",
      "const job = () => import('#app/decisions/jobs/y_job')",
      "const text = `import x from '#plugins/welfare/plugin'`",
    ].join('\n')
    assert.deepEqual(importsOf(source), [
      '@adonisjs/lucid/services/db',
      '#entitlements/engine/service',
      '#catalogue/models/benefit',
      '../registers/x.js',
      '#app/decisions/jobs/y_job',
    ])
  })

  test('maps aliases and relative paths to the context they land in', ({ assert }) => {
    const file = 'app/registers/push/push_changes.ts'
    assert.equal(landingOf(file, '#entitlements/jobs/incremental_job'), 'entitlements')
    assert.equal(landingOf(file, '#middleware/auth_middleware'), 'platform')
    assert.equal(landingOf(file, '#app/catalogue/models/benefit'), 'catalogue')
    assert.equal(landingOf(file, '../../eligibility/main.js'), 'eligibility')
    assert.equal(landingOf(file, './validator.js'), 'registers')
    assert.equal(landingOf(file, '../../../plugins/welfare/plugin.js'), 'plugins')
    assert.equal(landingOf(file, '#plugins/welfare/plugin'), 'plugins')
    assert.isNull(landingOf(file, '#config/app'))
    assert.isNull(landingOf(file, 'luxon'))
  })

  test('an upstream import of a downstream context is reported', async ({ assert }) => {
    const from = 'registers'
    const landing = landingOf('app/registers/x.ts', '#entitlements/jobs/incremental_job')!
    assert.isAbove(rank(landing), rank(from))
  })
})

function rank(context: string) {
  const index = JOURNEY.indexOf(context)
  return index === -1 ? Number.POSITIVE_INFINITY : index
}
