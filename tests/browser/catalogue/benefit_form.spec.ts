import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Benefit from '#catalogue/models/benefit'
import { assertAccessible, waitForHydration } from '#tests/support/axe'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'

test.group('Benefit form in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a manager builds a rule with the guided builder, sees a typo reported, and saves', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const tenant = await makeTenant({ name: 'Valmieras novads' })
    const { user } = await makeMember(tenant, 'benefit_manager')
    await browserContext.loginAs(user)

    const page = await visit('/staff/catalogue/benefits/new')
    await waitForHydration(page)
    await assertAccessible(page)

    await page.fill('#code', 'valmiera.seniors')
    await page.fill('#nameLv', 'Seniori')
    await page.fill('#nameEn', 'Seniors')
    await page.fill('#descriptionLv', 'Seniori brauc bez maksas.')
    await page.fill('#descriptionEn', 'Seniors travel free.')
    await page.fill('#effectiveFrom', '2026-09-01')
    await page.fill('#legalAct', 'Saistošie noteikumi Nr. 7')
    await page.selectOption('#form', 'free')

    await page.getByRole('button', { name: 'Pievienot nosacījumu' }).click()
    await page.fill('#condition-0-value', '65')
    assert.equal(await page.inputValue('#rule'), 'age >= 65')

    await page.fill('#rule', 'agge >= 65')
    await page.getByRole('button', { name: 'Saglabāt melnrakstu' }).click()
    await page.waitForSelector('.gov-error-summary')
    await page.assertTextContains('.gov-error-summary', '1. rinda, 1. kolonna')
    await assertAccessible(page)
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 0)

    await page.fill('#rule', 'age >= 65')
    await page.getByRole('button', { name: 'Saglabāt melnrakstu' }).click()
    await page.waitForURL(/\/staff\/catalogue\/benefits\/\d+$/)
    await waitForHydration(page)
    await assertAccessible(page)
    assert.lengthOf(await Benefit.query().where('tenant_id', tenant.id), 1)
  })
})
