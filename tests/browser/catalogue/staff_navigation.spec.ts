import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { assertAccessible, waitForHydration } from '#tests/support/axe'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import type { Role, TenantKind } from '#platform/access/roles'

async function navLinks(page: Page) {
  const nav = page.getByRole('navigation', { name: 'Sadaļas' })
  const texts = await nav.getByRole('link').allTextContents()
  return texts.map((text) => text.trim())
}

test.group('Staff navigation in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const cases: [TenantKind, Role, string[], string[]][] = [
    [
      'municipality',
      'benefit_manager',
      ['Atvieglojumi', 'Personu grupas', 'Līgumi'],
      ['Pakalpojumi'],
    ],
    [
      'service_provider',
      'provider_operator',
      ['Pakalpojumi', 'Līgumi'],
      ['Atvieglojumi', 'Personu grupas'],
    ],
    ['merchant', 'tenant_admin', ['Atvieglojumi', 'Personu grupas', 'Pakalpojumi', 'Līgumi'], []],
  ]
  for (const [kind, role, shown, hidden] of cases) {
    test(`a ${role} of a ${kind} sees the catalogue sections they can use`, async ({
      visit,
      browserContext,
      assert,
    }) => {
      const tenant = await makeTenant({ kind })
      const { user } = await makeMember(tenant, role)
      await browserContext.loginAs(user)
      const page = await visit('/staff')
      await waitForHydration(page)
      const links = await navLinks(page)
      assert.includeMembers(links, shown)
      for (const label of hidden) assert.notInclude(links, label)
      await assertAccessible(page)
    })
  }
})
