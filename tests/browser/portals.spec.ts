import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import { assertAccessible, waitForHydration } from '#tests/support/axe'

test.group('Portals in a browser', (group) => {
  group.each.setup(() => testUtils.db('owner').truncate())

  test('an operator creates a tenant through the form, with errors shown accessibly', async ({
    visit,
    browserContext,
  }) => {
    const operator = await makeOperator()
    await browserContext.loginAs(operator)

    const list = await visit('/operator/tenants')
    await waitForHydration(list)
    await assertAccessible(list)

    const form = await visit('/operator/tenants/create')
    await waitForHydration(form)
    await form.getByRole('button', { name: 'Pievienot organizāciju' }).click()
    await form.waitForSelector('.gov-error-summary')
    await assertAccessible(form)

    await form.getByLabel('Nosaukums', { exact: true }).fill('Ogres novada pašvaldība')
    await form.getByLabel('Reģistrācijas numurs').fill('90000024332')
    await form.getByLabel('Kontaktu e-pasts').fill('dome@ogresnovads.lv')
    await form.getByRole('button', { name: 'Pievienot organizāciju' }).click()
    await form.waitForSelector('h1:has-text("Ogres novada pašvaldība")')
    await assertAccessible(form)

    const audit = await visit('/operator/audit')
    await waitForHydration(audit)
    await audit.assertTextContains('main', 'tenancy.tenant.created')
    await assertAccessible(audit)
  })

  test('a member of two tenants switches between them; staff pages are accessible', async ({
    visit,
    browserContext,
  }) => {
    const riga = await makeTenant({ name: 'Rīgas valstspilsētas pašvaldība' })
    const ogre = await makeTenant({ name: 'Ogres novada pašvaldība' })
    await TenantPlugin.create({ tenantId: riga.id, pluginId: 'education', settings: {} })
    const { user } = await makeMember(riga, 'tenant_admin')
    await makeMember(ogre, 'auditor', user)
    await browserContext.loginAs(user)

    const dashboard = await visit('/staff')
    await waitForHydration(dashboard)
    await dashboard.assertTextContains('.gov-context-bar', 'Rīgas valstspilsētas pašvaldība')
    await assertAccessible(dashboard)

    for (const path of ['/staff/users', '/staff/audit', '/education']) {
      const page = await visit(path)
      await waitForHydration(page)
      await assertAccessible(page)
    }

    await dashboard
      .getByLabel('Organizācija')
      .selectOption({ label: 'Ogres novada pašvaldība (auditors)' })
    await dashboard.getByRole('button', { name: 'Pārslēgt' }).click()
    await dashboard.waitForSelector('.gov-context-bar__tenant:has-text("Ogres")')
    await assertAccessible(dashboard)
  })
})
