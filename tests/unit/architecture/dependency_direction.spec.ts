import { readdir } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import {
  importEdges,
  importsOf,
  landingOf,
  packageAliases,
  placeOf,
  sourceFiles,
  vueImportsOf,
  type ImportEdge,
} from './import_graph.js'

/**
 * The data's journey, upstream first (docs/architecture.md, "The dependency rule"). A context
 * may import the contexts before it and never one after it: a later context learns of an
 * earlier one's changes through domain events (app/platform/events, wired in start/events.ts).
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

/** Contexts that others may import only through one entry point (path inside the context). */
const ENTRY_POINTS: Record<string, string> = {
  eligibility: 'main',
}

/** The one core file that names plugins: the list of enabled manifests. */
const MANIFEST_LIST = 'config/plugins.ts'

/**
 * Core files that import a module whose name is chosen at run time, and why. Nothing else in
 * core may: a computed import would hide a plugin or a downstream context from this test.
 */
const RUNTIME_LOOKUPS: Record<string, string> = {
  'app/platform/plugins/plugin_loader.ts': 'the manifest of each id config/plugins.ts lists',
  'app/platform/jobs/find_job_by_name.ts': 'a job class by its name (app/<context>/jobs)',
}

/**
 * config/ is read by the ground floor, so it imports only platform; these files wire a
 * context above it for a package that reads them lazily.
 */
const CONFIG_WIRING: Record<string, string> = {
  'config/auth.ts': "the session guard's user provider is tenancy's User model",
}

const CORE = ['app', 'config', 'start', 'database']

test.group('Architecture: the repository follows the journey', (group) => {
  let edges: ImportEdge[]
  group.setup(async () => {
    edges = await importEdges(app.makePath(), [...CORE, 'plugins'])
  })

  test('the collector reads every source of app/ and plugins/', async ({ assert }) => {
    const files = await sourceFiles(app.makePath(), ['app', 'plugins'])
    assert.isAbove(files.length, 300)
    assert.isAbove(edges.filter((edge) => edge.file.startsWith('app/')).length, 500)
    assert.isAbove(edges.filter((edge) => edge.computed).length, 0)
  })

  test('every folder of app/ is a context of the journey', async ({ assert }) => {
    const entries = await readdir(app.makePath('app'), { withFileTypes: true })
    const strangers = entries
      .filter((entry) => entry.isDirectory() && !JOURNEY.includes(entry.name))
      .map((entry) => `app/${entry.name}`)
    assert.deepEqual(strangers, [], `not in the journey: ${strangers.join(', ')}`)
  })

  test('no context imports one downstream of it', () => {
    failOn(directionViolations(edges), 'Imports that run against the journey')
  })

  test('the rule language is imported only through #eligibility/main', () => {
    failOn(entryPointViolations(edges), 'Imports that bypass an entry point')
  })

  test('core never imports a plugin; config/plugins.ts lists them', () => {
    failOn(coreViolations(edges), 'Core imports of a plugin or of a module chosen at run time')
  })

  test('config/ imports only the ground floor', () => {
    failOn(configViolations(edges), 'Config imports above the ground floor')
  })

  test('a plugin imports core, itself and the plugins it depends on', async () => {
    const entries = await readdir(app.makePath('plugins'), { withFileTypes: true })
    const ids = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name)
    const dependsOn: Record<string, string[]> = {}
    for (const id of ids) {
      const { default: manifest } = await import(`#plugins/${id}/plugin`)
      dependsOn[id] = Object.keys(manifest.dependsOn ?? {})
    }
    failOn(pluginViolations(edges, dependsOn), 'Plugin imports of plugins they do not depend on')
  })
})

test.group('Architecture: the import collector and the rules', () => {
  test('finds static, multi-line, type-only, re-exported and dynamic imports', ({ assert }) => {
    const source = [
      "import db from '@adonisjs/lucid/services/db'",
      'import {',
      '  a,',
      '  b,',
      "} from '#entitlements/engine/service'",
      "import type { T } from '#catalogue/models/benefit'",
      "export { c } from '../registers/x.js'",
      "export * from './local.js'",
      "import legacy = require('#tenancy/models/user')",
      "type Page = typeof import('#platform/plugins/registry')",
      'const job = () =>',
      "  import('#app/decisions/jobs/y_job')",
      'const manifest = (id: string) => import(`#plugins/${id}/plugin`)',
      'const named = (path: string) => import(path)',
      "const text = `import x from '#plugins/welfare/plugin'`",
      "// import z from '#publishing/nothing'",
      'const call = "import(\'#settlement/nothing\')"',
    ].join('\n')
    assert.deepEqual(importsOf(source), [
      { specifier: '@adonisjs/lucid/services/db', computed: false },
      { specifier: '#entitlements/engine/service', computed: false },
      { specifier: '#catalogue/models/benefit', computed: false },
      { specifier: '../registers/x.js', computed: false },
      { specifier: './local.js', computed: false },
      { specifier: '#tenancy/models/user', computed: false },
      { specifier: '#platform/plugins/registry', computed: false },
      { specifier: '#app/decisions/jobs/y_job', computed: false },
      { specifier: '#plugins/', computed: true },
      { specifier: '', computed: true },
    ])
  })

  test("reads a Vue component's script blocks only", ({ assert }) => {
    const component = [
      '<script setup lang="ts">',
      "import type { Data } from '~/generated/data'",
      "import Field from '#registers/ui/field'",
      '</script>',
      '<template><p>import x from "#entitlements/nothing"</p></template>',
      '<script lang="ts">',
      "export { helper } from '../../app/catalogue/helper.js'",
      '</script>',
    ].join('\n')
    assert.deepEqual(
      vueImportsOf(component).map((ref) => ref.specifier),
      ['~/generated/data', '#registers/ui/field', '../../app/catalogue/helper.js']
    )
  })

  test('maps aliases and relative paths to where they land', ({ assert }) => {
    const aliases = packageAliases(app.makePath())
    const file = 'app/registers/push/push_changes.ts'
    const at = (specifier: string, computed = false) =>
      landingOf(file, { specifier, computed }, aliases)
    assert.equal(at('#entitlements/jobs/incremental_job'), 'entitlements')
    assert.equal(at('#platform/calendar/today_in_riga'), 'platform')
    assert.equal(at('#middleware/auth_middleware'), 'platform')
    assert.equal(at('#providers/queue_provider'), 'platform')
    assert.equal(at('#app/catalogue/models/benefit'), 'catalogue')
    assert.equal(at('../../eligibility/main.js'), 'eligibility')
    assert.equal(at('./validator.js'), 'registers')
    assert.equal(at('../../../plugins/welfare/plugin.js'), 'plugins/welfare')
    assert.equal(at('#plugins/welfare/plugin'), 'plugins/welfare')
    assert.equal(at('#plugins/', true), 'plugins/*')
    assert.equal(at('#app/', true), 'app/*')
    assert.equal(at('#entitlements/jobs/', true), 'entitlements')
    assert.equal(at('', true), '*')
    assert.isNull(at('#config/app'))
    assert.isNull(at('#start/env'))
    assert.isNull(at('#generated/registry'))
    assert.isNull(at('luxon'))
    assert.equal(placeOf('app/registers/push/push_changes.ts'), 'registers')
    assert.equal(placeOf('plugins/welfare/app/connectors/x.ts'), 'plugins/welfare')
    assert.equal(placeOf('config/queue.ts'), 'config')
  })

  test('names each import that runs against the journey', ({ assert }) => {
    const edges = [
      anEdge('app/registers/push/x.ts', '#entitlements/jobs/y', 'entitlements'),
      anEdge('app/platform/http/z.ts', '#tenancy/models/user', 'tenancy'),
      anEdge('app/catalogue/a.ts', '#eligibility/main', 'eligibility'),
      anEdge('app/catalogue/b.ts', './c.js', 'catalogue'),
      anEdge('app/registers/d.ts', '#plugins/welfare/plugin', 'plugins/welfare'),
      anEdge('app/widgets/e.ts', '#platform/f', 'platform'),
      anEdge('app/tenancy/g.ts', '#widgets/h', 'widgets'),
    ]
    assert.deepEqual(directionViolations(edges), [
      'app/registers/push/x.ts imports #entitlements/jobs/y (registers may not import entitlements)',
      'app/platform/http/z.ts imports #tenancy/models/user (platform may not import tenancy)',
      'app/widgets/e.ts imports #platform/f (widgets is not a context of the journey)',
      'app/tenancy/g.ts imports #widgets/h (widgets is not a context of the journey)',
    ])
  })

  test('names imports that bypass an entry point', ({ assert }) => {
    const edges = [
      anEdge(
        'app/catalogue/a.ts',
        '#eligibility/main',
        'eligibility',
        false,
        'app/eligibility/main.js'
      ),
      anEdge(
        'app/catalogue/b.ts',
        '#eligibility/compile_rule',
        'eligibility',
        false,
        'app/eligibility/compile_rule.js'
      ),
      anEdge(
        'app/eligibility/c.ts',
        './compile_rule.js',
        'eligibility',
        false,
        'app/eligibility/compile_rule.js'
      ),
      anEdge(
        'plugins/welfare/d.ts',
        '../../app/eligibility/main.ts',
        'eligibility',
        false,
        'app/eligibility/main.ts'
      ),
    ]
    assert.deepEqual(entryPointViolations(edges), [
      'app/catalogue/b.ts imports #eligibility/compile_rule (eligibility is imported through #eligibility/main)',
    ])
  })

  test('names core imports of a plugin and of names chosen at run time', ({ assert }) => {
    const edges = [
      anEdge('app/registers/x.ts', '#plugins/welfare/plugin', 'plugins/welfare'),
      anEdge('start/routes/y.ts', '../../plugins/health/routes.js', 'plugins/health'),
      anEdge(MANIFEST_LIST, '#plugins/welfare/plugin', 'plugins/welfare'),
      anEdge('app/platform/plugins/plugin_loader.ts', '#plugins/', 'plugins/*', true),
      anEdge('app/platform/jobs/find_job_by_name.ts', '', '*', true),
      anEdge('app/catalogue/z.ts', '#app/', 'app/*', true),
      anEdge('plugins/welfare/app/w.ts', '#registers/push/push_changes', 'registers'),
    ]
    assert.deepEqual(coreViolations(edges), [
      'app/registers/x.ts imports #plugins/welfare/plugin (core may not import a plugin)',
      'start/routes/y.ts imports ../../plugins/health/routes.js (core may not import a plugin)',
      'app/catalogue/z.ts imports #app/… (a module chosen at run time: only the lookups in RUNTIME_LOOKUPS may)',
    ])
  })

  test('names config imports above the floor and plugin imports outside dependsOn', ({
    assert,
  }) => {
    const edges = [
      anEdge('config/queue.ts', '#registers/jobs/import_file_set_job', 'registers'),
      anEdge('config/database.ts', '#platform/database/app_role', 'platform'),
      anEdge('config/auth.ts', '#tenancy/models/user', 'tenancy'),
      anEdge('plugins/loyalty/app/a.ts', '#plugins/welfare/app/b', 'plugins/welfare'),
      anEdge('plugins/education/app/c.ts', '#plugins/welfare/app/d', 'plugins/welfare'),
      anEdge('plugins/welfare/app/e.ts', './f.js', 'plugins/welfare'),
      anEdge('plugins/welfare/app/g.ts', '#entitlements/h', 'entitlements'),
    ]
    assert.deepEqual(configViolations(edges), [
      'config/queue.ts imports #registers/jobs/import_file_set_job (config may not import registers)',
    ])
    assert.deepEqual(pluginViolations(edges, { loyalty: [], education: ['welfare'] }), [
      'plugins/loyalty/app/a.ts imports #plugins/welfare/app/b (loyalty does not depend on welfare)',
    ])
  })
})

function directionViolations(edges: ImportEdge[]): string[] {
  return edges
    .filter((edge) => edge.file.startsWith('app/') && isContext(edge.landing))
    .flatMap((edge) => {
      const from = placeOf(edge.file)
      const stranger = [from, edge.landing].find((context) => !JOURNEY.includes(context))
      if (stranger) return [`${describe(edge)} (${stranger} is not a context of the journey)`]
      if (JOURNEY.indexOf(edge.landing) <= JOURNEY.indexOf(from)) return []
      return [`${describe(edge)} (${from} may not import ${edge.landing})`]
    })
}

function entryPointViolations(edges: ImportEdge[]): string[] {
  return edges
    .filter((edge) => ENTRY_POINTS[edge.landing] && placeOf(edge.file) !== edge.landing)
    .filter((edge) => {
      const entry = `app/${edge.landing}/${ENTRY_POINTS[edge.landing]}`
      return edge.target.replace(/\.(js|ts)$/, '') !== entry
    })
    .map(
      (edge) =>
        `${describe(edge)} (${edge.landing} is imported through #${edge.landing}/${ENTRY_POINTS[edge.landing]})`
    )
}

function coreViolations(edges: ImportEdge[]): string[] {
  return edges
    .filter((edge) => CORE.includes(edge.file.split('/')[0]) && edge.file !== MANIFEST_LIST)
    .flatMap((edge) => {
      if (edge.computed && !isContext(edge.landing)) {
        if (RUNTIME_LOOKUPS[edge.file]) return []
        return [
          `${describe(edge)} (a module chosen at run time: only the lookups in RUNTIME_LOOKUPS may)`,
        ]
      }
      if (edge.landing.startsWith('plugins/')) {
        return [`${describe(edge)} (core may not import a plugin)`]
      }
      return []
    })
}

function configViolations(edges: ImportEdge[]): string[] {
  return edges
    .filter((edge) => edge.file.startsWith('config/') && !CONFIG_WIRING[edge.file])
    .filter((edge) => isContext(edge.landing) && edge.landing !== 'platform')
    .map((edge) => `${describe(edge)} (config may not import ${edge.landing})`)
}

function pluginViolations(edges: ImportEdge[], dependsOn: Record<string, string[]>): string[] {
  return edges
    .filter((edge) => edge.file.startsWith('plugins/') && edge.landing.startsWith('plugins/'))
    .flatMap((edge) => {
      const from = placeOf(edge.file).slice('plugins/'.length)
      const to = edge.landing.slice('plugins/'.length)
      if (to === from || dependsOn[from]?.includes(to)) return []
      return [`${describe(edge)} (${from} does not depend on ${to})`]
    })
}

/** A context of app/ (known or not), as opposed to a plugin or a run-time choice. */
function isContext(landing: string) {
  return !landing.includes('/') && landing !== '*'
}

function describe(edge: ImportEdge) {
  if (!edge.computed) return `${edge.file} imports ${edge.specifier}`
  return `${edge.file} imports ${edge.specifier ? `${edge.specifier}…` : 'a path held in a variable'}`
}

function failOn(violations: string[], what: string) {
  if (violations.length === 0) return
  throw new Error(`${what} (${violations.length}):\n  ${violations.join('\n  ')}`)
}

function anEdge(
  file: string,
  specifier: string,
  landing: string,
  computed = false,
  target = ''
): ImportEdge {
  return { file, specifier, landing, computed, target }
}
