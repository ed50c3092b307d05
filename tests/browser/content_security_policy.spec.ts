/// <reference lib="dom" />
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { makeMember, makeOperator, makeTenant, makeUser } from '#tests/support/tenancy_fixtures'
import { waitForHydration } from '#tests/support/axe'
import { assertNoCspViolations, cspViolations } from '#tests/support/csp_violations'

/** A page that hydrated and styled itself under the policy: Vue ran, the stylesheet applied. */
async function assertWorksUnderPolicy(page: Page) {
  await waitForHydration(page)
  const color = await page.evaluate(() => getComputedStyle(document.body).fontFamily)
  if (!color || /^(serif|Times)/i.test(color)) throw new Error(`Unstyled page ${page.url()}`)
  assertNoCspViolations(page)
}

test.group('Content Security Policy in a browser', (group) => {
  group.each.setup(() => testUtils.db('owner').truncate())

  test('public, login, staff, operator and error pages run without a CSP refusal', async ({
    visit,
    browserContext,
  }) => {
    const tenant = await makeTenant({ name: 'Rīgas valstspilsētas pašvaldība' })
    const { user } = await makeMember(tenant, 'tenant_admin')
    const operator = await makeOperator()

    for (const path of ['/', '/login', '/forgot-password', '/no-such-page']) {
      await assertWorksUnderPolicy(await visit(path))
    }

    await browserContext.loginAs(user)
    for (const path of ['/staff', '/staff/users', '/staff/catalogue/benefits', '/staff/audit']) {
      await assertWorksUnderPolicy(await visit(path))
    }
    // Inertia visits (and their progress bar's nonce-carrying <style>) after the first load.
    const staff = await visit('/staff')
    await waitForHydration(staff)
    await staff
      .getByRole('link', { name: /Lietotāji/ })
      .first()
      .click()
    await staff.waitForURL('**/staff/users')
    assertNoCspViolations(staff)

    await browserContext.clearCookies()
    await browserContext.loginAs(operator)
    for (const path of ['/operator/tenants', '/operator/registers/sources']) {
      await assertWorksUnderPolicy(await visit(path))
    }
  })

  test('the two-factor setup page shows its QR code image under the policy', async ({
    visit,
    browserContext,
  }) => {
    const user = await makeUser()
    await browserContext.loginAs(user)
    const page = await visit('/two-factor/setup')
    await assertWorksUnderPolicy(page)
    const loaded = await page
      .locator('img')
      .first()
      .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
    if (!loaded) throw new Error('The QR code did not load')
  })

  test('the API docs render with their stylesheet and nothing refused', async ({ visit }) => {
    const page = await visit('/api/docs')
    const background = await page
      .locator('.method')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor)
    if (background === 'rgba(0, 0, 0, 0)') throw new Error('The docs stylesheet was refused')
    assertNoCspViolations(page)
  })

  test('an inline script injected into a page is refused', async ({ visit, assert }) => {
    const page = await visit('/')
    await waitForHydration(page)
    // What an XSS would do: add an inline script without the nonce.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__injected = true'
      document.body.appendChild(script)
      await new Promise((resolve) => setTimeout(resolve, 50))
      return (window as unknown as { __injected?: boolean }).__injected === true
    })
    assert.isFalse(ran)
    assert.isNotEmpty(cspViolations(page))
  })
})
