import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { assertAccessible, waitForHydration } from '#tests/support/axe'
import { makeOperator } from '#tests/support/tenancy_fixtures'
import { makeSource } from '../../functional/registers/import_support.js'

test.group('Data-source API clients in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an operator creates an API client on the data-source page and sees the secret once', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const operator = await makeOperator()
    const source = await makeSource({ code: 'vdeavk-browser' })
    await browserContext.loginAs(operator)
    const page = await visit(`/operator/registers/sources/${source.id}`)
    await waitForHydration(page)
    await assertAccessible(page)

    const section = page.locator('#api-clients')
    await section.getByLabel('Nosaukums').fill('VDEĀVK integrācija')
    await section.getByRole('button', { name: 'Izveidot klientu' }).click()
    const secret = page.getByTestId('client-secret')
    await secret.waitFor()
    assert.match(await secret.innerText(), /^atvs_/)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Atpakaļ uz datu avotu' }).click()
    await page
      .locator('#api-clients')
      .getByRole('cell', { name: 'VDEĀVK integrācija', exact: true })
      .waitFor()
    assert.notInclude(await page.locator('main').innerText(), 'atvs_')
  })
})
