import { test } from '@japa/runner'
import { authenticator } from 'otplib'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  PASSWORD,
  auditRows,
  clearLimits,
  createUser,
  createUserWithTwoFactor,
  fieldErrors,
} from '#tests/functional/auth/helpers'

const pending = (userId: number) => ({
  auth: { pending_two_factor: { userId, expiresAt: Date.now() + 60_000 } },
})

/** Answers the challenge with `code` after the password step of `userId`. */
const submitCode = (client: ApiClient, userId: number, code: string) =>
  client
    .post('/two-factor/challenge')
    .form({ code })
    .withSession(pending(userId))
    .withCsrfToken()
    .redirects(0)

/** A code from the step before or after the current one would also pass: pick one from far away. */
const wrongCode = (secret: string) => {
  const current = authenticator.generate(secret)
  return current === '000000' ? '999999' : '000000'
}

test.group('Two-factor challenge', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())

  test('after the password, a user with two-factor waits at the challenge', async ({
    client,
    assert,
  }) => {
    const { user } = await createUserWithTwoFactor()
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/challenge')
    response.assertSessionMissing('auth_web')
    assert.equal(response.session('auth.pending_two_factor').userId, user.id)
  })

  test('the challenge page needs a pending password step', async ({ client }) => {
    const response = await client.get('/two-factor/challenge').redirects(0)
    response.assertHeader('location', '/login')
  })

  test('the challenge page renders while the password step is pending', async ({ client }) => {
    const { user } = await createUserWithTwoFactor()
    const response = await client
      .get('/two-factor/challenge')
      .withSession(pending(user.id))
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/two_factor_challenge')
  })

  test('a correct code logs the user in and goes home', async ({ client, assert }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/challenge')
      .form({ code: authenticator.generate(secret) })
      .withSession(pending(user.id))
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/staff')
    response.assertSession('auth_web', user.id)
    const [row] = await auditRows('auth.login.succeeded')
    assert.equal(row.metadata.twoFactor, true)
  })

  test('a platform operator goes to the operator portal after the code', async ({ client }) => {
    const { user, secret } = await createUserWithTwoFactor({ isPlatformOperator: true })
    const response = await client
      .post('/two-factor/challenge')
      .form({ code: authenticator.generate(secret) })
      .withSession(pending(user.id))
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/operator/tenants')
    response.assertSession('auth_web', user.id)
  })

  test('a code is accepted once: replaying it, even within its 30 s, is refused', async ({
    client,
    assert,
  }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const code = authenticator.generate(secret)
    const first = await submitCode(client, user.id, code)
    first.assertHeader('location', '/staff')
    const replay = await submitCode(client, user.id, code)
    replay.assertHeader('location', '/two-factor/challenge')
    replay.assertSessionMissing('auth_web')
    assert.match(fieldErrors(replay).code[0], /^Kods nav pareizs/)
  })

  test('a wrong code is refused and audited', async ({ client, assert }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/challenge')
      .form({ code: wrongCode(secret) })
      .withSession(pending(user.id))
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/challenge')
    response.assertSessionMissing('auth_web')
    assert.match(fieldErrors(response).code[0], /^Kods nav pareizs/)
    assert.lengthOf(await auditRows('auth.two_factor.failed'), 1)
  })

  test('a code that is not six digits is a validation error', async ({ client, assert }) => {
    const { user } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/challenge')
      .form({ code: '12ab' })
      .withSession(pending(user.id))
      .withCsrfToken()
      .redirects(0)
    response.assertSessionMissing('auth_web')
    assert.include(
      fieldErrors(response).code,
      'Ievadiet 6 ciparu drošības kodu, izmantojot tikai ciparus'
    )
  })

  test('an expired password step cannot be completed with a code', async ({ client }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/challenge')
      .form({ code: authenticator.generate(secret) })
      .withSession({ auth: { pending_two_factor: { userId: user.id, expiresAt: Date.now() - 1 } } })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/login')
    response.assertSessionMissing('auth_web')
  })

  test('five wrong codes lock the code step, even for a correct code', async ({
    client,
    assert,
  }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const attempt = (code: string) => submitCode(client, user.id, code)

    for (let i = 1; i <= 5; i++) await attempt(wrongCode(secret))
    const locked = await attempt(authenticator.generate(secret))
    locked.assertHeader('location', '/login')
    locked.assertSessionMissing('auth_web')
    assert.match(fieldErrors(locked).email[0], /bloķēta līdz plkst\./)
    assert.lengthOf(await auditRows('auth.two_factor.locked_out'), 1)
  })
})

test.group('Two-factor setup', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())

  test('the setup page needs a logged-in user', async ({ client }) => {
    const response = await client.get('/two-factor/setup').redirects(0)
    response.assertHeader('location', '/login')
  })

  test('the setup page shows a secret and a QR code for Atvieglo', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client.get('/two-factor/setup').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/two_factor_setup')
    const props = response.inertiaProps as { secret: string; qrCode: string; enabled: boolean }
    assert.isFalse(props.enabled)
    assert.match(props.secret, /^[A-Z2-7]{16,}$/)
    assert.match(props.qrCode, /^data:image\/png;base64,/)
    assert.equal(response.session('auth.two_factor_setup_secret'), props.secret)
  })

  test('a correct code from the new secret turns two-factor on', async ({ client, assert }) => {
    const user = await createUser()
    const secret = authenticator.generateSecret()
    const response = await client
      .post('/two-factor/setup')
      .form({ code: authenticator.generate(secret) })
      .withSession({ auth: { two_factor_setup_secret: secret } })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/staff')
    response.assertFlashMessage('success', 'auth.flash.two_factor_enabled')

    await user.refresh()
    assert.isNotNull(user.totpEnabledAt)
    assert.notEqual(user.totpSecret, secret)
    const [row] = await auditRows('auth.two_factor.enabled')
    assert.equal(row.subjectId, String(user.id))
  })

  test('a wrong code does not turn two-factor on', async ({ client, assert }) => {
    const user = await createUser()
    const secret = authenticator.generateSecret()
    const response = await client
      .post('/two-factor/setup')
      .form({ code: wrongCode(secret) })
      .withSession({ auth: { two_factor_setup_secret: secret } })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/setup')
    assert.match(fieldErrors(response).code[0], /^Kods nav pareizs/)
    await user.refresh()
    assert.isNull(user.totpEnabledAt)
  })

  test('an operator who sets up two-factor is sent to the operator portal', async ({ client }) => {
    const user = await createUser({ isPlatformOperator: true })
    const secret = authenticator.generateSecret()
    const response = await client
      .post('/two-factor/setup')
      .form({ code: authenticator.generate(secret) })
      .withSession({ auth: { two_factor_setup_secret: secret } })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/operator/tenants')
  })

  test('a staff member can turn two-factor off with the current code', async ({
    client,
    assert,
  }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/disable')
      .form({ code: authenticator.generate(secret) })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('success', 'auth.flash.two_factor_disabled')
    await user.refresh()
    assert.isNull(user.totpEnabledAt)
    assert.isNull(user.totpSecret)
    assert.lengthOf(await auditRows('auth.two_factor.disabled'), 1)
  })

  test('turning two-factor off needs the right code', async ({ client, assert }) => {
    const { user, secret } = await createUserWithTwoFactor()
    const response = await client
      .post('/two-factor/disable')
      .form({ code: wrongCode(secret) })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    assert.match(fieldErrors(response).code[0], /^Kods nav pareizs/)
    await user.refresh()
    assert.isNotNull(user.totpEnabledAt)
  })

  test('a platform operator cannot turn two-factor off', async ({ client, assert }) => {
    const { user, secret } = await createUserWithTwoFactor({ isPlatformOperator: true })
    const response = await client
      .post('/two-factor/disable')
      .form({ code: authenticator.generate(secret) })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/setup')
    response.assertFlashMessage('error', 'auth.flash.two_factor_mandatory')
    await user.refresh()
    assert.isNotNull(user.totpEnabledAt)
    assert.lengthOf(await auditRows('auth.two_factor.disabled'), 0)
  })
})
