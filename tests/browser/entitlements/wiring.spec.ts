import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import CreateBenefit from '#catalogue/actions/create_benefit'
import { forgetEngineSetups, planFullRun, runPendingInProcess } from '#entitlements/engine/service'
import { assertAccessible, waitForHydration } from '#tests/support/axe'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'
import { draft } from '../../functional/catalogue/fixtures.js'
import {
  addFact,
  grantorWithBenefit,
  makePerson,
  makeSource,
} from '../../functional/entitlements/fixtures.js'

test.group('Entitlements in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60_000)

  test('staff open Entitlements from the menu, find a person by code and open an explanation', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const tenant = await makeTenant()
    const source = await makeSource('vdeavk')
    await grantorWithBenefit(tenant, 'disability', 'fact("disability.group") in ["I", "II"]')
    const person = await makePerson('1970-02-02')
    await addFact(person.id, source.id, 'disability.group', 'II', '2018-01-01')
    forgetEngineSetups()
    const { runId } = await planFullRun()
    await runPendingInProcess(runId)

    const { user } = await makeMember(tenant, 'benefit_manager')
    await browserContext.loginAs(user)
    const page = await visit('/staff')
    await waitForHydration(page)
    await page
      .getByRole('navigation', { name: 'Sadaļas' })
      .getByRole('link', { name: 'Personu tiesības' })
      .click()
    await page.waitForURL('**/staff/entitlements')
    await waitForHydration(page)
    await assertAccessible(page)

    await page.getByLabel('Personas kods').fill(person.code)
    await page.getByRole('button', { name: 'Meklēt' }).click()
    await page.waitForURL(`**/staff/entitlements/persons/${person.id}`)
    await assertAccessible(page)

    await page
      .getByRole('link', { name: /disability|Seniori/ })
      .first()
      .click()
    await page.waitForURL(`**/staff/entitlements/persons/${person.id}/benefits/disability*`)
    await page.getByRole('heading', { name: 'Nosacījumi' }).waitFor()
    const text = await page.locator('main').innerText()
    assert.include(text, 'disability.group')
    assert.include(text, 'vdeavk')
    await assertAccessible(page)
  })

  test('a grantor sees what-if counts of a draft on the benefit page', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const tenant = await makeTenant()
    const source = await makeSource('vdeavk')
    const person = await makePerson('1970-02-02')
    await addFact(person.id, source.id, 'disability.group', 'II', '2018-01-01')
    await addFact(person.id, source.id, 'residence.municipality', 'Rīga', '2018-01-01')
    const { user } = await makeMember(tenant, 'benefit_manager')
    const { benefit } = await new CreateBenefit().handle({
      tenant,
      code: 'disability-draft',
      data: draft({ rule: 'fact("disability.group") in ["I", "II"]' }),
      actor: { userId: user.id, label: user.email },
    })

    await browserContext.loginAs(user)
    const page = await visit(`/staff/catalogue/benefits/${benefit.id}`)
    await waitForHydration(page)
    await page.getByRole('button', { name: 'Saskaitīt ieguvējus un zaudētājus' }).click()
    const summary = page.getByTestId('what-if-summary')
    await summary.waitFor()
    assert.include(await summary.innerText(), '1 iegūtu')
    const table = page.getByRole('table', {
      name: 'Ieguvēji un zaudētāji pa pašvaldībām un vecuma grupām',
    })
    const row = await table.getByRole('row').nth(1).innerText()
    assert.include(row, 'Rīga')
    assert.include(row, '25-64')
    await assertAccessible(page)
  })

  test('the operator opens entitlement runs from the menu', async ({ visit, browserContext }) => {
    const operator = await makeOperator()
    await browserContext.loginAs(operator)
    const page = await visit('/operator/tenants')
    await waitForHydration(page)
    await page.getByRole('link', { name: 'Tiesību aprēķini' }).click()
    await page.waitForURL('**/operator/entitlement-runs')
    await page.getByRole('heading', { level: 1, name: 'Tiesību aprēķini' }).waitFor()
    await assertAccessible(page)
  })
})
