import { test } from '@japa/runner'
import { assertAccessible, waitForHydration } from '#tests/support/axe'

test.group('Public pages in a browser', () => {
  test('the home page is Latvian, accessible, and switches to English', async ({ visit }) => {
    const page = await visit('/')
    await waitForHydration(page)
    await page.assertExists('html[lang="lv"]')
    await assertAccessible(page)

    await page.getByRole('button', { name: 'English' }).click()
    await page.waitForSelector('html[lang="en"]')
    await page.assertTextContains('h1', 'benefits management')
    await assertAccessible(page)
  })
})
