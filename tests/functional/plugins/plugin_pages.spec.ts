import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Membership from '#tenancy/models/membership'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { CURRENT_TENANT_KEY } from '#tenancy/middleware/tenant_middleware'
import { installedPlugins } from '#platform/plugins/installed_plugins'
import { registries } from '#platform/plugins/registry'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

/** The installed plugins that show core's attributes page at `/<id>`. */
const withAttributesPage = () =>
  installedPlugins
    .list()
    .map(({ manifest }) => manifest)
    .filter((manifest) => manifest.attributesPage)

test.group('Plugin pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every plugin with an attributes page shows it to a tenant that enabled the plugin, and only then', async ({
    client,
    assert,
  }) => {
    const plugins = withAttributesPage()
    assert.includeMembers(
      plugins.map((plugin) => plugin.id),
      ['education', 'health', 'loyalty', 'welfare']
    )
    for (const plugin of plugins) {
      const { user } = await createStaffMember({ plugins: [plugin.id] })
      const response = await client.get(`/${plugin.id}`).loginAs(user).withInertia()
      response.assertStatus(200)
      response.assertInertiaComponent('staff/plugin_attributes')
      assert.equal(response.inertiaProps.pluginId, plugin.id)
      assert.deepEqual(
        (response.inertiaProps.attributes as { key: string }[]).map((a) => a.key),
        registries.attributes.ownedBy(plugin.id).map((a) => a.key)
      )

      const others = plugins.filter((other) => other.id !== plugin.id).map((other) => other.id)
      const { user: outsider } = await createStaffMember({ plugins: others })
      const refused = await client.get(`/${plugin.id}`).loginAs(outsider)
      refused.assertStatus(404)
    }
  })

  test('the welfare page lists its attributes with Latvian and English labels', async ({
    client,
    assert,
  }) => {
    const { user } = await createStaffMember({ plugins: ['welfare'] })
    const response = await client.get('/welfare').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/plugin_attributes')
    const attributes = response.inertiaProps.attributes as any[]
    const disability = attributes.find((a) => a.key === 'disability.group')
    assert.deepEqual(disability.labels, { lv: 'Invaliditātes grupa', en: 'Disability group' })
    assert.deepEqual(
      disability.values.map((v: any) => v.value),
      ['I', 'II', 'III']
    )
    assert.lengthOf(attributes, 6)
  })

  test('the page renders as HTML with a main landmark and a heading', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['education'] })
    const response = await client.get('/education').loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('id="main-content"')
    response.assertTextIncludes('<h1 class="gov-heading-l">Izglītība</h1>')
    response.assertTextIncludes('Izglītības iestādes reģistrācijas numurs')
  })

  test('answers 404 for a tenant that has not enabled the plugin', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['welfare'] })
    const response = await client.get('/education').loginAs(user)
    response.assertStatus(404)
  })

  test('follows the tenant chosen in the session, not another tenant of the user', async ({
    client,
  }) => {
    const { user, tenant: withPlugin } = await createStaffMember({ plugins: ['health'] })
    const { tenant: withoutPlugin } = await createStaffMember()
    await Membership.create({ tenantId: withoutPlugin.id, userId: user.id, role: 'tenant_admin' })

    const allowed = await client
      .get('/health')
      .loginAs(user)
      .withSession({ [CURRENT_TENANT_KEY]: withPlugin.id })
    allowed.assertStatus(200)

    const refused = await client
      .get('/health')
      .loginAs(user)
      .withSession({ [CURRENT_TENANT_KEY]: withoutPlugin.id })
    refused.assertStatus(404)
  })

  test('answers 403 to a role without the plugin permission', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['health'], role: 'provider_operator' })
    const response = await client.get('/health').loginAs(user)
    response.assertStatus(403)
  })

  test('sends a guest to the login page', async ({ client }) => {
    const response = await client.get('/loyalty').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('ignores a plugin row of a plugin that is not installed', async ({ client }) => {
    const { user, tenant } = await createStaffMember()
    await TenantPlugin.create({ tenantId: tenant.id, pluginId: 'retired', settings: {} })
    const response = await client.get('/retired').loginAs(user)
    response.assertStatus(404)
  })

  test('plugin migrations ran with the core ones', async ({ assert }) => {
    const rows = await db.from('education_schools').count('* as total')
    assert.equal(Number(rows[0].total), 0)
  })
})
