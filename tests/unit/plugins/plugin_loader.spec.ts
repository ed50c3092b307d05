import { test } from '@japa/runner'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { RouterFactory } from '@adonisjs/core/factories/http'
import type { PluginManifest } from '#platform/plugins/define_plugin'
import { createRegistries } from '#platform/plugins/registry'
import {
  loadPlugins,
  mountPluginRoutes,
  pluginMigrationPaths,
  type ManifestImporter,
} from '#platform/plugins/plugin_loader'
import pluginsConfig from '#config/plugins'

function manifest(overrides: Partial<PluginManifest> & { id: string }): PluginManifest {
  return {
    version: '1.0.0',
    name: { lv: overrides.id, en: overrides.id },
    coreRange: '^0.1.0',
    ...overrides,
  }
}

function importerOf(...manifests: PluginManifest[]): ManifestImporter {
  return async (id) => {
    const found = manifests.find((m) => m.id === id)
    if (!found) throw new Error(`no manifest ${id}`)
    return { default: found }
  }
}

function load(ids: string[], ...manifests: PluginManifest[]) {
  return loadPlugins({
    ids,
    coreVersion: '0.1.0',
    registries: createRegistries(),
    importManifest: importerOf(...manifests),
  })
}

/** Loads the one plugin `demo` with the given manifest parts. */
function loadDemo(overrides: Partial<PluginManifest>) {
  return load(['demo'], manifest({ ...overrides, id: 'demo' }))
}

test.group('Plugin loader', () => {
  test('loads a compatible plugin and fills the registries', async ({ assert }) => {
    const registries = createRegistries()
    await loadPlugins({
      ids: ['demo'],
      coreVersion: '0.1.0',
      registries,
      importManifest: importerOf(
        manifest({
          id: 'demo',
          attributes: [{ key: 'demo.flag', type: 'boolean', labels: { lv: 'a', en: 'b' } }],
          permissions: [{ key: 'demo.things.view', label: 'demo.p', roles: ['tenant_admin'] }],
          navigation: [{ label: 'demo.nav', route: 'demo.index' }],
        })
      ),
    })
    assert.equal(registries.attributes.get('demo.flag')?.owner, 'demo')
    assert.isTrue(registries.permissions.has('demo.things.view'))
    assert.isTrue(registries.navigation.has('demo.index'))
  })

  test('rejects a plugin whose coreRange excludes this core version', async ({ assert }) => {
    await assert.rejects(
      () => load(['future'], manifest({ id: 'future', coreRange: '^2.0.0' })),
      'Plugin "future" cannot be loaded: it supports core ^2.0.0, this is core 0.1.0'
    )
  })

  test('rejects a coreRange that is not semver', async ({ assert }) => {
    await assert.rejects(
      () => load(['odd'], manifest({ id: 'odd', coreRange: 'latest' })),
      /not a semver range/
    )
  })

  test('rejects a plugin whose dependency is not enabled', async ({ assert }) => {
    await assert.rejects(
      () => load(['child'], manifest({ id: 'child', dependsOn: { parent: '^1.0.0' } })),
      'Plugin "child" cannot be loaded: it depends on plugin "parent", which is not enabled in config/plugins.ts'
    )
  })

  test('rejects a dependency in the wrong version', async ({ assert }) => {
    await assert.rejects(
      () =>
        load(
          ['child', 'parent'],
          manifest({ id: 'child', dependsOn: { parent: '^2.0.0' } }),
          manifest({ id: 'parent', version: '1.4.0' })
        ),
      /it needs parent \^2.0.0, the installed parent is 1.4.0/
    )
  })

  test('registers dependencies before the plugins that need them', async ({ assert }) => {
    const loaded = await load(
      ['child', 'parent'],
      manifest({ id: 'child', dependsOn: { parent: '^1.0.0' } }),
      manifest({ id: 'parent' })
    )
    assert.deepEqual(
      loaded.map((p) => p.manifest.id),
      ['parent', 'child']
    )
  })

  test('rejects circular dependencies', async ({ assert }) => {
    await assert.rejects(
      () =>
        load(
          ['a', 'b'],
          manifest({ id: 'a', dependsOn: { b: '*' } }),
          manifest({ id: 'b', dependsOn: { a: '*' } })
        ),
      /circular dependency/
    )
  })

  test('rejects a manifest whose id differs from its folder', async ({ assert }) => {
    await assert.rejects(
      () =>
        loadPlugins({
          ids: ['named'],
          coreVersion: '0.1.0',
          registries: createRegistries(),
          importManifest: async () => ({ default: manifest({ id: 'other' }) }),
        }),
      'Plugin "named" cannot be loaded: its manifest declares id "other"'
    )
  })

  test('rejects an invalid id in config', async ({ assert }) => {
    await assert.rejects(() => load(['Bad_Id'], manifest({ id: 'Bad_Id' })), /invalid plugin id/)
  })

  test('rejects a permission outside the plugin prefix', async ({ assert }) => {
    await assert.rejects(
      () =>
        loadDemo({
          permissions: [{ key: 'core.users.delete', label: 'x', roles: ['tenant_admin'] }],
        }),
      'Plugin "demo" cannot be loaded: permission "core.users.delete" must start with "demo."'
    )
  })

  test('rejects an enum attribute without values', async ({ assert }) => {
    await assert.rejects(
      () =>
        loadDemo({
          attributes: [{ key: 'demo.kind', type: 'enum', labels: { lv: 'a', en: 'b' } }],
        }),
      /lists no values/
    )
  })

  test('rejects a value format on anything but a string attribute, and an unknown format', async ({
    assert,
  }) => {
    const labels = { lv: 'a', en: 'b' }
    await assert.rejects(
      () =>
        loadDemo({ attributes: [{ key: 'demo.grade', type: 'integer', maxLength: 2, labels }] }),
      /is not a string but declares a format, maxLength or pattern/
    )
    await assert.rejects(
      () =>
        loadDemo({
          attributes: [{ key: 'demo.code', type: 'string', format: 'iban' as any, labels }],
        }),
      /has an unknown format/
    )
  })

  test('rejects two plugins declaring the same attribute', async ({ assert }) => {
    const attribute = {
      key: 'status.orphan',
      type: 'boolean' as const,
      labels: { lv: 'a', en: 'b' },
    }
    await assert.rejects(
      () =>
        load(
          ['one', 'two'],
          manifest({ id: 'one', attributes: [attribute] }),
          manifest({ id: 'two', attributes: [attribute] })
        ),
      'Attribute "status.orphan" is already registered by one; two cannot register it again'
    )
  })

  test('resolves plugin migration folders from the plugin folder', async ({ assert }) => {
    const loaded = await loadDemo({ database: { migrations: ['database/migrations'] } })
    assert.deepEqual(pluginMigrationPaths(loaded), ['./plugins/demo/database/migrations'])
  })

  test('mounts routes under the plugin prefix with names prefixed by its id', async ({
    assert,
  }) => {
    const loaded = await loadDemo({
      routes: (router) => {
        router.get('/things', () => 'ok').as('things.index')
      },
    })
    const router = new RouterFactory().create()
    mountPluginRoutes(loaded, router, () => [])
    router.commit()
    const [route] = router.toJSON().root
    assert.equal(route.pattern, '/demo/things')
    assert.equal(route.name, 'demo.things.index')
  })

  test("mounts core's attributes page at the plugin prefix when the manifest asks for it", async ({
    assert,
  }) => {
    const permissions = [{ key: 'demo.attributes.view', label: 'x', roles: [] }]
    const loaded = await loadDemo({
      permissions,
      attributesPage: { permission: 'demo.attributes.view' },
    })
    const router = new RouterFactory().create()
    mountPluginRoutes(loaded, router, () => [])
    router.commit()
    const [route] = router.toJSON().root
    assert.equal(route.pattern, '/demo')
    assert.equal(route.name, 'demo.index')
  })

  test('rejects an attributes page guarded by a permission the plugin does not declare', async ({
    assert,
  }) => {
    await assert.rejects(
      () => loadDemo({ attributesPage: { permission: 'demo.attributes.view' } }),
      /attributes page needs permission "demo.attributes.view"/
    )
  })
})

test.group('Plugin loader: pages on disk', (group) => {
  let root: string
  group.each.setup(async () => {
    await mkdir(app.makePath('tmp'), { recursive: true })
    root = await mkdtemp(app.makePath('tmp', 'pages-'))
    const lang = join(root, 'plugins/demo/resources/lang')
    for (const locale of ['lv', 'en']) {
      await mkdir(join(lang, locale), { recursive: true })
      await writeFile(join(lang, locale, 'demo.json'), '{"title":"x"}')
    }
    return () => rm(root, { recursive: true, force: true })
  })

  function loadWithPage(viteManifest?: string) {
    return loadPlugins({
      ids: ['demo'],
      coreVersion: '0.1.0',
      registries: createRegistries(),
      importManifest: importerOf(manifest({ id: 'demo', pages: ['index'] })),
      appRoot: root,
      viteManifest,
    })
  }

  test('accepts a page whose .vue source exists', async ({ assert }) => {
    await mkdir(join(root, 'plugins/demo/ui/pages'), { recursive: true })
    await writeFile(join(root, 'plugins/demo/ui/pages/index.vue'), '<template></template>')
    assert.lengthOf(await loadWithPage(), 1)
  })

  test('a production build without .vue sources accepts a page its Vite manifest lists', async ({
    assert,
  }) => {
    const viteManifest = join(root, 'manifest.json')
    const src = 'plugins/demo/ui/pages/index.vue'
    await writeFile(viteManifest, JSON.stringify({ [src]: { file: 'pages-x.js', src } }))
    assert.lengthOf(await loadWithPage(viteManifest), 1)
  })

  test('rejects a page that is neither on disk nor in the built assets', async ({ assert }) => {
    const viteManifest = join(root, 'manifest.json')
    await writeFile(viteManifest, '{}')
    await assert.rejects(
      () => loadWithPage(viteManifest),
      /page "index" has no ui\/pages\/index.vue/
    )
    await assert.rejects(() => loadWithPage(), /page "index" has no ui\/pages\/index.vue/)
  })

  test('rejects an attributes page without the heading and lead translations', async ({
    assert,
  }) => {
    const demo = manifest({
      id: 'demo',
      permissions: [{ key: 'demo.attributes.view', label: 'x', roles: [] }],
      attributesPage: { permission: 'demo.attributes.view' },
    })
    await assert.rejects(
      () =>
        loadPlugins({
          ids: ['demo'],
          coreVersion: '0.1.0',
          registries: createRegistries(),
          importManifest: importerOf(demo),
          appRoot: root,
        }),
      /its attributes page needs the translations lead/
    )
  })
})

test.group('Bundled plugins', () => {
  test('the four plugins load with their attributes, pages and translations', async ({
    assert,
  }) => {
    const registries = createRegistries()
    const loaded = await loadPlugins({
      ids: ['education', 'welfare', 'health', 'loyalty'],
      coreVersion: '0.1.0',
      registries,
      appRoot: app.makePath(),
    })
    assert.lengthOf(loaded, 4)
    const keysOf = (owner: string) => registries.attributes.ownedBy(owner).map((a) => a.key)
    assert.deepEqual(keysOf('welfare'), [
      'disability.group',
      'disability.child',
      'status.orphan',
      'status.repressed',
      'family.honour_card',
      'pension.old_age',
    ])
    assert.deepEqual(keysOf('education'), [
      'education.level',
      'education.grade',
      'education.school',
    ])
    assert.deepEqual(keysOf('health'), ['health.patient_fee_exempt'])
    assert.deepEqual(keysOf('loyalty'), ['loyalty.member'])
    assert.deepEqual(registries.attributes.get('disability.group')?.values, ['I', 'II', 'III'])
    assert.equal(registries.attributes.get('education.grade')?.max, 12)
    for (const id of ['education', 'welfare', 'health', 'loyalty']) {
      assert.isTrue(registries.permissions.has(`${id}.attributes.view`))
      assert.isTrue(registries.navigation.has(`${id}.index`))
    }
  })

  test('the running app loaded exactly the plugins config/plugins.ts enables', async ({
    assert,
  }) => {
    const { installedPlugins } = await import('#platform/plugins/installed_plugins')
    const { registries } = await import('#platform/plugins/registry')
    assert.sameMembers(
      installedPlugins.list().map((p) => p.manifest.id),
      pluginsConfig.enabled
    )
    assert.isTrue(registries.attributes.isFrozen)
    for (const connection of ['app', 'owner']) {
      const paths = app.config.get<string[]>(`database.connections.${connection}.migrations.paths`)
      assert.include(paths, './plugins/education/database/migrations')
    }
  })
})
