import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createStaffMember } from '#tests/support/plugin_test_helpers'

test.group('education plugin page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a tenant that enabled education sees its page', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: ['education'] })
    const response = await client.get('/education').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('plugins/education/index')
  })

  test('a tenant without education gets 404', async ({ client }) => {
    const { user } = await createStaffMember({ plugins: [] })
    const response = await client.get('/education').loginAs(user)
    response.assertStatus(404)
  })
})
