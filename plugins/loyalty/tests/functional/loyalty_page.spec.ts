import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

test.group('loyalty plugin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tenant that enabled loyalty sees its page', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['loyalty'] })
    const response = await client.get('/loyalty').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('plugins/loyalty/index')
  })

  test('a tenant without loyalty gets 404', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: [] })
    const response = await client.get('/loyalty').loginAs(user)
    response.assertStatus(404)
  })
})
