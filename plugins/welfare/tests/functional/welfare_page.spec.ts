import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

test.group('welfare plugin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tenant that enabled welfare sees its page', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['welfare'] })
    const response = await client.get('/welfare').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('plugins/welfare/index')
  })

  test('a tenant without welfare gets 404', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: [] })
    const response = await client.get('/welfare').loginAs(user)
    response.assertStatus(404)
  })
})
