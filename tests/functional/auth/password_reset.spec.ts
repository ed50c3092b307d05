import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import PasswordResetToken from '#tenancy/models/password_reset_token'
import PasswordResetMail from '#tenancy/mails/password_reset_mail'
import { generateToken } from '#tenancy/auth/tokens'
import { appUrl } from '#config/app'
import { auditRows, clearLimits, createUser, fieldErrors } from '#tests/functional/auth/helpers'

const NEW_PASSWORD = 'a brand new long password'

test.group('Password reset', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())
  let mails: ReturnType<typeof mail.fake>['mails']
  group.each.setup(() => {
    mails = mail.fake().mails
    return () => mail.restore()
  })

  test('a forged X-Forwarded-Host never reaches the mailed link', async ({ client, assert }) => {
    const user = await createUser({ locale: 'en' })
    const response = await client
      .post('/forgot-password')
      .form({ email: user.email })
      .header('X-Forwarded-Host', 'evil.example')
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const [queued] = mails.queued((m) => m instanceof PasswordResetMail) as PasswordResetMail[]
    assert.equal(new URL(queued.resetUrl).origin, appUrl)
    assert.notInclude(queued.resetUrl, 'evil.example')
  })

  test('the forgot-password page renders', async ({ client }) => {
    const response = await client.get('/forgot-password').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/forgot_password')
  })

  test('a registered user gets a single-use link that sets a new password', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ locale: 'en' })
    const response = await client
      .post('/forgot-password')
      .form({ email: user.email.toUpperCase() })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/forgot-password')
    response.assertFlashMessage('success', 'auth.flash.reset_link_sent')

    mails.assertQueued(PasswordResetMail, (m) => m.user.id === user.id)
    const [queued] = mails.queued((m) => m instanceof PasswordResetMail) as PasswordResetMail[]
    assert.equal(queued.user.id, user.id)
    const url = new URL(queued.resetUrl)
    assert.match(url.pathname, /^\/reset-password\/[A-Za-z0-9_-]{43}$/)

    const stored = await PasswordResetToken.findByOrFail('user_id', user.id)
    assert.lengthOf(stored.tokenHash, 64)
    assert.notInclude(url.pathname, stored.tokenHash)
    assert.isTrue(stored.expiresAt.diffNow('minutes').minutes > 59)

    const page = await client.get(url.pathname).withInertia()
    page.assertStatus(200)
    page.assertInertiaComponent('auth/reset_password')

    const reset = await client
      .post(url.pathname)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    reset.assertHeader('location', '/login')
    reset.assertFlashMessage('success', 'auth.flash.password_reset')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, NEW_PASSWORD))
    assert.lengthOf(await auditRows('auth.password.reset'), 1)

    const again = await client
      .post(url.pathname)
      .form({
        password: 'yet another long password',
        passwordConfirmation: 'yet another long password',
      })
      .withCsrfToken()
      .redirects(0)
    again.assertStatus(410)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, NEW_PASSWORD))
  })

  test('an unknown address gets the same answer and no mail', async ({ client }) => {
    const response = await client
      .post('/forgot-password')
      .form({ email: 'nobody@example.lv' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', 'auth.flash.reset_link_sent')
    mails.assertNoneQueued()
  })

  test('an invalid address is a validation error', async ({ client, assert }) => {
    const response = await client
      .post('/forgot-password')
      .form({ email: 'not an address' })
      .withCsrfToken()
      .redirects(0)
    assert.property(fieldErrors(response), 'email')
  })

  test('the forgot-password form is rate limited per IP address', async ({ client, assert }) => {
    let response
    for (let i = 1; i <= 6; i++) {
      response = await client
        .post('/forgot-password')
        .form({ email: `nobody${i}@example.lv` })
        .withCsrfToken()
        .redirects(0)
    }
    assert.match(fieldErrors(response!).email[0], /^Pārāk daudz pieprasījumu/)
  })

  test('an expired link shows a clear page and cannot set a password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { token, hash: tokenHash } = generateToken()
    await PasswordResetToken.create({
      userId: user.id,
      tokenHash,
      expiresAt: DateTime.now().minus({ minutes: 1 }),
      usedAt: null,
    })
    const page = await client.get(`/reset-password/${token}`).withInertia()
    page.assertStatus(410)
    page.assertInertiaComponent('auth/invalid_link')

    const response = await client
      .post(`/reset-password/${token}`)
      .form({ password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
    response.assertStatus(410)
    await user.refresh()
    assert.isFalse(await hash.verify(user.password!, NEW_PASSWORD))
  })

  test('an unknown link shows the same clear page', async ({ client }) => {
    const response = await client.get('/reset-password/not-a-real-token').withInertia()
    response.assertStatus(410)
    response.assertInertiaComponent('auth/invalid_link')
  })

  test('a short or unconfirmed new password is refused', async ({ client, assert }) => {
    const user = await createUser()
    const { token, hash: tokenHash } = generateToken()
    await PasswordResetToken.create({
      userId: user.id,
      tokenHash,
      expiresAt: DateTime.now().plus({ hours: 1 }),
      usedAt: null,
    })
    const response = await client
      .post(`/reset-password/${token}`)
      .form({ password: 'short', passwordConfirmation: 'short' })
      .withCsrfToken()
      .redirects(0)
    assert.include(fieldErrors(response).password, 'Laukā “Parole” jābūt vismaz 12 rakstzīmēm')

    const mismatch = await client
      .post(`/reset-password/${token}`)
      .form({ password: NEW_PASSWORD, passwordConfirmation: 'a different long password' })
      .withPlainCookie('locale', 'en')
      .withCsrfToken()
      .redirects(0)
    assert.include(fieldErrors(mismatch).passwordConfirmation, 'The passwords do not match')
    assert.lengthOf(await auditRows('auth.password.reset'), 0)
  })
})
