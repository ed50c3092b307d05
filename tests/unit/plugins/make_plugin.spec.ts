import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import { RouterFactory } from '@adonisjs/core/factories/http'
import MakePlugin from '#platform/commands/make_plugin'
import { ScaffoldError, scaffoldPlugin } from '#platform/plugins/scaffold_plugin'
import { createRegistries } from '#platform/plugins/registry'
import { loadPlugins, mountPluginRoutes } from '#platform/plugins/plugin_loader'

test.group('make:plugin scaffolding', (group) => {
  // Inside the app root, so the generated files resolve the app's #subpath imports.
  let root: string
  group.each.setup(async () => {
    await mkdir(app.makePath('tmp'), { recursive: true })
    root = await mkdtemp(app.makePath('tmp', 'scaffold-'))
    return () => rm(root, { recursive: true, force: true })
  })

  test("creates a plugin the loader accepts, with translations and core's attributes page", async ({
    assert,
  }) => {
    const files = await scaffoldPlugin({ id: 'social-care', root, coreVersion: '0.1.0' })
    assert.sameMembers(files, [
      'plugins/social-care/plugin.ts',
      'plugins/social-care/provider.ts',
      'plugins/social-care/resources/lang/lv/social-care.json',
      'plugins/social-care/resources/lang/en/social-care.json',
      'plugins/social-care/CHANGELOG.md',
    ])

    const registries = createRegistries()
    const [loaded] = await loadPlugins({
      ids: ['social-care'],
      coreVersion: '0.1.0',
      registries,
      appRoot: root,
      importManifest: (id) =>
        import(pathToFileURL(join(root, 'plugins', id, 'plugin.ts')).href) as any,
    })
    assert.equal(loaded.manifest.coreRange, '^0.1.0')
    assert.isTrue(registries.permissions.has('social-care.attributes.view'))
    assert.equal(registries.navigation.get('social-care.index')?.owner, 'social-care')

    const { default: Provider } = await loaded.manifest.provider!()
    const provider = new Provider(app)
    await provider.boot?.()

    const router = new RouterFactory().create()
    mountPluginRoutes([loaded], router, () => [])
    router.commit()
    const [page] = router.toJSON().root
    assert.equal(page.pattern, '/social-care')
    assert.equal(page.name, 'social-care.index')
  })

  test('refuses an id that is not lowercase letters, digits and dashes', async ({ assert }) => {
    for (const id of ['Social', 'social_care', '9lives', 'care-', 'a--b', '../etc']) {
      await assert.rejects(
        () => scaffoldPlugin({ id, root, coreVersion: '0.1.0' }),
        ScaffoldError as any
      )
    }
    assert.isFalse(existsSync(join(root, 'plugins')))
  })

  test('refuses to overwrite an existing plugin folder', async ({ assert }) => {
    await scaffoldPlugin({ id: 'transport', root, coreVersion: '0.1.0' })
    await assert.rejects(
      () => scaffoldPlugin({ id: 'transport', root, coreVersion: '0.1.0' }),
      'plugins/transport already exists; choose another id'
    )
  })
})

test.group('make:plugin command', () => {
  test('fails with a message for an invalid id', async ({ assert }) => {
    const command = await ace.create(MakePlugin, ['Not_Valid'])
    command.ui.switchMode('raw')
    await command.exec()
    command.assertFailed()
    assert.match(command.ui.logger.getLogs()[0].message, /Invalid plugin id "Not_Valid"/)
  })

  test('refuses an id whose folder already exists', async ({ assert }) => {
    const command = await ace.create(MakePlugin, ['education'])
    command.ui.switchMode('raw')
    await command.exec()
    command.assertFailed()
    assert.match(command.ui.logger.getLogs()[0].message, /plugins\/education already exists/)
  })
})
