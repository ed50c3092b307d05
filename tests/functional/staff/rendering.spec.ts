import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { recordAudit } from '#platform/audit/record_audit'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'

test.group('Portal pages render on the server', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('operator pages render with a heading and captioned tables', async ({ client, assert }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant({ name: 'Daugavpils' })
    await makeMember(tenant, 'tenant_admin')
    await recordAudit({ action: 'tenancy.tenant.created', tenantId: tenant.id })
    for (const url of [
      '/operator/tenants',
      '/operator/tenants/create',
      `/operator/tenants/${tenant.id}`,
      `/operator/tenants/${tenant.id}/edit`,
      '/operator/audit',
    ]) {
      const response = await client.get(url).loginAs(operator)
      response.assertStatus(200)
      const html = response.text()
      assert.match(html, /<h1 class="gov-heading-l"/, url)
      if (!url.endsWith('create') && !url.endsWith('edit')) assert.include(html, '<caption', url)
    }
  })

  test('staff pages render in English when English is chosen', async ({ client, assert }) => {
    const tenant = await makeTenant({ name: 'Sigulda' })
    const { user } = await makeMember(tenant, 'tenant_admin')
    await recordAudit({ action: 'tenancy.test.row', tenantId: tenant.id })
    const expected: Record<string, string> = {
      '/staff': 'Your role',
      '/staff/users': 'Invite a colleague',
      '/staff/audit': 'Audit log of Sigulda',
    }
    for (const [url, text] of Object.entries(expected)) {
      const response = await client.get(url).withPlainCookie('locale', 'en').loginAs(user)
      response.assertStatus(200)
      assert.include(response.text(), text, url)
    }
  })
})
