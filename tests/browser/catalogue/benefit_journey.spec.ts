import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import Benefit from '#catalogue/models/benefit'
import BenefitVersion from '#catalogue/models/benefit_version'
import { assertAccessible, waitForHydration } from '#tests/support/axe'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'

/** Waits for the Inertia visit to land, then checks the page with axe. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle')
  await waitForHydration(page)
  await assertAccessible(page)
}

async function versionsOf(code: string) {
  const benefit = await Benefit.query().where('code', code).firstOrFail()
  return BenefitVersion.query().where('benefit_id', benefit.id).orderBy('version')
}

test.group('Benefit journey in a browser', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(120_000)

  test('a manager builds a benefit with two scenarios, fixes the rule, and a colleague publishes it and a later version', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const tenant = await makeTenant({ name: 'Cēsu novads' })
    const { user: manager } = await makeMember(tenant, 'benefit_manager')
    const { user: colleague } = await makeMember(tenant, 'tenant_admin')
    await browserContext.loginAs(manager)

    // The catalogue from the staff navigation.
    const page = await visit('/staff')
    await waitForHydration(page)
    await page.getByRole('navigation', { name: 'Sadaļas' }).getByText('Atvieglojumi').click()
    await page.waitForURL(/\/staff\/catalogue\/benefits$/)
    await settled(page)
    await page.getByRole('link', { name: 'Izveidot atvieglojumu' }).click()
    await page.waitForURL(/\/staff\/catalogue\/benefits\/new$/)
    await settled(page)

    // The unified form, the rule written by the guided builder.
    await page.fill('#code', 'cesis.seniors')
    await page.fill('#nameLv', 'Seniori brauc bez maksas')
    await page.fill('#nameEn', 'Seniors travel free')
    await page.fill('#descriptionLv', 'Seniori no 63 gadu vecuma brauc bez maksas.')
    await page.fill('#descriptionEn', 'Seniors from the age of 63 travel free.')
    await page.fill('#effectiveFrom', '2026-01-01')
    await page.fill('#legalAct', 'Cēsu novada saistošie noteikumi Nr. 12')
    await page.selectOption('#form', 'free')
    await page.getByRole('button', { name: 'Pievienot nosacījumu' }).click()
    await page.fill('#condition-0-value', '65')
    assert.equal(await page.inputValue('#rule'), 'age >= 65')

    // Two scenarios: a 76-year-old qualifies; a 63-year-old should, which `age >= 65` denies.
    const addScenario = page.getByRole('button', { name: 'Pievienot scenāriju' })
    await addScenario.click()
    await addScenario.click()
    const people = [
      ['Vecākais', 'Vilis', '1950-01-01'],
      ['Jaunākais seniors', 'Sarmīte', '1963-01-01'],
    ]
    for (const [s, [scenario, person, birthDate]] of people.entries()) {
      await page.fill(`[id="scenarios.${s}.name"]`, scenario)
      await page.fill(`[id="scenarios.${s}.date"]`, '2026-03-01')
      await page.fill(`[id="scenarios.${s}.persons.0.name"]`, person)
      await page.fill(`[id="scenarios.${s}.persons.0.birthDate"]`, birthDate)
      await page.selectOption(`[id="scenarios.${s}.persons.0.expected"]`, 'true')
    }
    await page.getByRole('button', { name: 'Saglabāt melnrakstu' }).click()
    await page.waitForURL(/\/staff\/catalogue\/benefits\/\d+$/)
    await settled(page)

    // Publishing is blocked while a scenario fails.
    await page.assertTextContains('main', 'Daži scenāriji neizpildās: šo versiju nevar publicēt.')
    let [first] = await versionsOf('cesis.seniors')
    assert.isFalse(first.scenariosPassed)
    assert.deepEqual(
      first.scenarioResults!.map((r) => [r.person, r.passed]),
      [
        ['Vilis', true],
        ['Sarmīte', false],
      ]
    )

    // The manager fixes the rule in the advanced editor; both scenarios pass.
    await page.getByRole('link', { name: 'Labot melnrakstu' }).click()
    await page.waitForURL(/\/versions\/\d+\/edit$/)
    await settled(page)
    await page.fill('#rule', 'age >= 63')
    await page.getByRole('button', { name: 'Saglabāt melnrakstu' }).click()
    await page.waitForURL(/\/staff\/catalogue\/benefits\/\d+$/)
    await settled(page)
    await page.assertTextContains('main', 'Visi scenāriji izpildās.')

    // Submitted; the author is told a colleague must publish.
    await page.getByRole('button', { name: 'Iesniegt pārskatīšanai' }).click()
    await page.waitForSelector('text=Šo versiju sagatavojāt jūs')
    await settled(page)
    assert.equal(await page.getByRole('button', { name: 'Publicēt' }).count(), 0)
    const benefitUrl = page.url()

    // A colleague publishes, in English.
    await browserContext.clearCookies()
    await browserContext.loginAs(colleague)
    const review = await visit(benefitUrl)
    await waitForHydration(review)
    await review.click('button[data-locale="en"]')
    await review.waitForSelector('html[lang="en"]')
    await review.getByRole('button', { name: 'Publish' }).click()
    await review.waitForSelector('text=The version was published.')
    await settled(review)
    ;[first] = await versionsOf('cesis.seniors')
    assert.equal(first.status, 'published')
    assert.equal(first.publishedBy, colleague.id)

    // A later version with a new effective date.
    await review.fill('#effectiveFrom', '2027-01-01')
    await review.getByRole('button', { name: 'Create the draft' }).click()
    await review.waitForURL(/\/versions\/\d+\/edit$/)
    await settled(review)
    await review.fill('#nameEn', 'Seniors from 60 travel free')
    await review.fill('#rule', 'age >= 60')
    await review.getByRole('button', { name: 'Save the draft' }).click()
    await review.waitForURL(/\/staff\/catalogue\/benefits\/\d+$/)
    await settled(review)
    await review.getByRole('button', { name: 'Submit for review' }).click()
    await review.waitForSelector('text=You wrote this version')

    // The manager, the colleague's reviewer this time, publishes it.
    await browserContext.clearCookies()
    await browserContext.loginAs(manager)
    const second = await visit(benefitUrl)
    await waitForHydration(second)
    await second.getByRole('button', { name: 'Publicēt' }).click()
    await second.waitForSelector('text=Versija publicēta')
    await settled(second)

    const [v1, v2] = await versionsOf('cesis.seniors')
    assert.equal(v1.status, 'published')
    assert.equal(v1.rule, 'age >= 63')
    assert.equal(v1.nameEn, 'Seniors travel free')
    assert.equal(v1.effectiveFrom, '2026-01-01')
    assert.equal(v1.effectiveTo, '2026-12-31')
    assert.equal(v2.status, 'published')
    assert.equal(v2.rule, 'age >= 60')
    assert.equal(v2.effectiveFrom, '2027-01-01')
    assert.isNull(v2.effectiveTo)
    await second.assertTextContains('main', '2026-01-01 – 2026-12-31')
  })
})
