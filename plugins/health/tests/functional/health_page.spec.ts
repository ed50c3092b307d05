import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

test.group('health plugin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tenant that enabled health sees its page', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['health'] })
    const response = await client.get('/health').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('plugins/health/index')
  })

  test('a tenant without health gets 404', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: [] })
    const response = await client.get('/health').loginAs(user)
    response.assertStatus(404)
  })
})
