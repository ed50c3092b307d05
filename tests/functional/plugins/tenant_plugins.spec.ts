import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import EnablePluginForTenant from '#platform/plugins/actions/enable_plugin_for_tenant'
import DisablePluginForTenant from '#platform/plugins/actions/disable_plugin_for_tenant'
import { listEnabledPlugins } from '#platform/plugins/queries/list_enabled_plugins'
import { listInstalledPlugins } from '#platform/plugins/queries/list_installed_plugins'
import { listPluginNavigation } from '#platform/plugins/queries/list_plugin_navigation'
import { InstalledPlugins } from '#platform/plugins/installed_plugins'
import { PluginStateError } from '#platform/plugins/errors'
import { TenantContext } from '#platform/access/tenant_context'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

function installedWithDependency() {
  const installed = new InstalledPlugins()
  const base = { version: '1.0.0', name: { lv: 'x', en: 'x' }, coreRange: '*' }
  installed.set([
    { manifest: { ...base, id: 'parent' }, directory: 'plugins/parent' },
    {
      manifest: { ...base, id: 'child', dependsOn: { parent: '^1.0.0' } },
      directory: 'plugins/child',
    },
  ])
  return installed
}

test.group('Enabling plugins for a tenant', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the installed plugins with their names for the operator portal', ({ assert }) => {
    const plugins = listInstalledPlugins()
    assert.sameMembers(
      plugins.map((p) => p.id),
      ['education', 'welfare', 'health', 'loyalty']
    )
    const welfare = plugins.find((p) => p.id === 'welfare')!
    assert.equal(welfare.version, '0.1.0')
    assert.deepEqual(welfare.name, { lv: 'Sociālā palīdzība', en: 'Welfare' })
  })

  test('enables a plugin once and reports what changed', async ({ assert }) => {
    const { tenant } = await createStaffMember()
    const action = new EnablePluginForTenant()

    const first = await action.handle({ tenantId: tenant.id, pluginId: 'education' })
    assert.isTrue(first.changed)
    assert.deepEqual(first.before, { enabled: false, settings: null })
    assert.deepEqual(first.after, { enabled: true, settings: {} })

    const again = await action.handle({ tenantId: tenant.id, pluginId: 'education' })
    assert.isFalse(again.changed)

    const enabled = await listEnabledPlugins(tenant.id)
    assert.deepEqual(
      enabled.map((p) => [p.id, p.version, p.name.en]),
      [['education', '0.1.0', 'Education']]
    )
  })

  test('validates settings against the plugin schema', async ({ assert }) => {
    const { tenant } = await createStaffMember()
    const action = new EnablePluginForTenant()
    const result = await action.handle({
      tenantId: tenant.id,
      pluginId: 'loyalty',
      settings: { programmeName: '  Bonus  ', pointsPerEuro: 2 },
    })
    assert.deepEqual(result.after.settings, { programmeName: 'Bonus', pointsPerEuro: 2 })

    await assert.rejects(() =>
      action.handle({ tenantId: tenant.id, pluginId: 'loyalty', settings: { pointsPerEuro: 500 } })
    )
    const row = await TenantPlugin.findByOrFail({ tenantId: tenant.id, pluginId: 'loyalty' })
    assert.equal(row.settings.pointsPerEuro, 2)
  })

  test('refuses a plugin that is not installed', async ({ assert }) => {
    const { tenant } = await createStaffMember()
    await assert.rejects(
      () => new EnablePluginForTenant().handle({ tenantId: tenant.id, pluginId: 'casino' }),
      'Plugin "casino" is not installed'
    )
  })

  test('requires the plugins it depends on to be enabled first', async ({ assert }) => {
    const { tenant } = await createStaffMember()
    const action = new EnablePluginForTenant(installedWithDependency())
    try {
      await action.handle({ tenantId: tenant.id, pluginId: 'child' })
      assert.fail('expected a refusal')
    } catch (error) {
      assert.instanceOf(error, PluginStateError)
      assert.equal((error as PluginStateError).reason, 'dependency_not_enabled')
      assert.deepEqual((error as PluginStateError).plugins, ['parent'])
    }
    await action.handle({ tenantId: tenant.id, pluginId: 'parent' })
    const result = await action.handle({ tenantId: tenant.id, pluginId: 'child' })
    assert.isTrue(result.changed)
  })

  test('does not disable a plugin another enabled plugin needs', async ({ assert }) => {
    const { tenant } = await createStaffMember({ plugins: ['parent', 'child'] })
    const disable = new DisablePluginForTenant(installedWithDependency())
    await assert.rejects(
      () => disable.handle({ tenantId: tenant.id, pluginId: 'parent' }),
      'Plugin "parent" is required by child'
    )
    const child = await disable.handle({ tenantId: tenant.id, pluginId: 'child' })
    const parent = await disable.handle({ tenantId: tenant.id, pluginId: 'parent' })
    assert.isTrue(child.changed && parent.changed)
  })

  test('disables a plugin for one tenant only', async ({ assert }) => {
    const { tenant } = await createStaffMember({ plugins: ['welfare'] })
    const { tenant: other } = await createStaffMember({ plugins: ['welfare'] })

    const result = await new DisablePluginForTenant().handle({
      tenantId: tenant.id,
      pluginId: 'welfare',
    })
    assert.isTrue(result.changed)
    assert.deepEqual(result.after, { enabled: false, settings: null })
    assert.lengthOf(await listEnabledPlugins(tenant.id), 0)
    assert.lengthOf(await listEnabledPlugins(other.id), 1)

    const again = await new DisablePluginForTenant().handle({
      tenantId: tenant.id,
      pluginId: 'welfare',
    })
    assert.isFalse(again.changed)
  })

  test('navigation shows enabled plugins the role may use', async ({ assert }) => {
    const { tenant, membership } = await createStaffMember({
      plugins: ['health', 'loyalty'],
      role: 'analyst',
    })
    await membership.load('tenant')
    const items = await listPluginNavigation(new TenantContext(tenant, membership))
    // Analysts may not see health data; education is not enabled.
    assert.deepEqual(items, [
      { plugin: 'loyalty', label: 'loyalty.nav.index', route: 'loyalty.index' },
    ])
  })
})
