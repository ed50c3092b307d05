import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { authenticator } from 'otplib'
import testUtils from '@adonisjs/core/services/test_utils'
import encryption from '@adonisjs/core/services/encryption'
import { makeMember, makeTenant, makeUser } from '#tests/support/tenancy_fixtures'
import { assertAccessible, waitForHydration } from '#tests/support/axe'

const PASSWORD = 'correct horse battery staple'

test.group('Staff login in a browser', (group) => {
  group.each.setup(() => testUtils.db('owner').truncate())

  test('an operator logs in with a password and a TOTP code', async ({ visit }) => {
    const secret = authenticator.generateSecret()
    const operator = await makeUser({ email: 'operators@example.lv' })
    operator.merge({
      isPlatformOperator: true,
      totpSecret: encryption.encrypt(secret),
      totpEnabledAt: DateTime.now(),
    })
    await operator.save()

    const page = await visit('/login')
    await waitForHydration(page)
    await assertAccessible(page)
    await page.getByLabel('E-pasta adrese').fill('operators@example.lv')
    await page.getByLabel('Parole').fill(PASSWORD)
    await page.getByRole('button', { name: 'Pieslēgties' }).click()

    await page.waitForURL('**/two-factor/challenge')
    await assertAccessible(page)
    await page.getByLabel('Drošības kods').fill(authenticator.generate(secret))
    await page.getByRole('button', { name: 'Turpināt' }).click()

    await page.waitForURL('**/operator/tenants')
    await assertAccessible(page)
  })

  test('a wrong password shows an accessible error summary, in English too', async ({ visit }) => {
    const tenant = await makeTenant()
    await makeMember(tenant, 'analyst', await makeUser({ email: 'analyst@example.lv' }))

    const page = await visit('/login')
    await waitForHydration(page)
    await page.getByRole('button', { name: 'English' }).click()
    await page.waitForSelector('html[lang="en"]')
    await page.getByLabel('Email address').fill('analyst@example.lv')
    await page.getByLabel('Password').fill('not the password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('.gov-error-summary')
    await assertAccessible(page)

    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL('**/staff')
    await page.assertExists('html[lang="en"]')
    await assertAccessible(page)
  })
})
