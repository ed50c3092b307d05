import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#tenancy/models/user'
import {
  PASSWORD,
  auditRows,
  clearLimits,
  createUser,
  createUserWithTwoFactor,
  fieldErrors,
} from '#tests/functional/auth/helpers'

test.group('Staff login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())

  test('the login page renders for guests', async ({ client }) => {
    const response = await client.get('/login').withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/login')
  })

  test('the login page is server-rendered with labelled fields and autocomplete hints', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/login')
    response.assertStatus(200)
    const html = response.text()
    assert.include(html, '<html lang="lv">')
    assert.include(html, '<label class="gov-label" for="email">E-pasta adrese</label>')
    assert.match(html, /id="email"[^>]*autocomplete="username"/)
    assert.match(html, /id="password"[^>]*autocomplete="current-password"/)
  })

  test('a staff member with the right password is logged in and sent to /staff', async ({
    client,
    assert,
  }) => {
    const user = await createUser({ email: 'anna@example.lv' })
    const response = await client
      .post('/login')
      .form({ email: ' Anna@Example.lv ', password: PASSWORD })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/staff')
    response.assertSession('auth_web', user.id)
    await user.refresh()
    assert.isNotNull(user.lastLoginAt)

    const [row] = await auditRows('auth.login.succeeded')
    assert.equal(row.actorUserId, user.id)
    assert.equal(row.subjectId, String(user.id))
  })

  test('a user with two-factor is not logged in before the code is checked', async ({ client }) => {
    const { user } = await createUserWithTwoFactor({ isPlatformOperator: true })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/challenge')
    response.assertSessionMissing('auth_web')
  })

  test('a platform operator without two-factor is sent to set it up', async ({ client }) => {
    const user = await createUser({ isPlatformOperator: true })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/two-factor/setup')
    response.assertSession('auth_web', user.id)
  })

  test('a wrong password is refused with a general message and audited without the password', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const response = await client
      .post('/login')
      .form({ email: user.email, password: 'wrong password 123' })
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertSessionMissing('auth_web')
    assert.include(fieldErrors(response).email, 'Ievadiet pareizu e-pasta adresi un paroli')

    const [row] = await auditRows('auth.login.failed')
    assert.equal(row.metadata.email, user.email)
    assert.equal(row.metadata.reason, 'invalid_credentials')
    assert.notInclude(JSON.stringify(row.serialize()), 'wrong password 123')
  })

  test('an unknown email gets the same message as a wrong password', async ({ client, assert }) => {
    const response = await client
      .post('/login')
      .form({ email: 'nobody@example.lv', password: 'whatever password' })
      .withCsrfToken()
      .redirects(0)
    response.assertSessionMissing('auth_web')
    assert.include(fieldErrors(response).email, 'Ievadiet pareizu e-pasta adresi un paroli')
  })

  test('the message is in English when English is chosen', async ({ client, assert }) => {
    const response = await client
      .post('/login')
      .form({ email: 'nobody@example.lv', password: 'whatever password' })
      .withPlainCookie('locale', 'en')
      .withCsrfToken()
      .redirects(0)
    assert.include(fieldErrors(response).email, 'Enter a correct email address and password')
  })

  test('a user whose invitation is not accepted (no password) cannot log in', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    await User.query().where('id', user.id).update({ password: null })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertSessionMissing('auth_web')
    assert.include(fieldErrors(response).email, 'Ievadiet pareizu e-pasta adresi un paroli')
  })

  test('missing fields are reported per field in Latvian', async ({ client, assert }) => {
    const response = await client
      .post('/login')
      .form({ email: 'not-an-email', password: '' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.include(
      fieldErrors(response).email,
      'Laukā “E-pasta adrese” ievadiet pareizu e-pasta adresi, piemēram, vards@piemers.lv'
    )
    assert.include(fieldErrors(response).password, 'Ievadiet paroli')
  })

  test('five failures lock the address for 15 minutes and say when to try again', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const attempt = (password: string) =>
      client.post('/login').form({ email: user.email, password }).withCsrfToken().redirects(0)

    for (let i = 1; i <= 4; i++) {
      const response = await attempt(`wrong password ${i}`)
      assert.include(fieldErrors(response).email, 'Ievadiet pareizu e-pasta adresi un paroli')
    }
    const fifth = await attempt('wrong password 5')
    const message: string = fieldErrors(fifth).email[0]
    assert.match(message, /Pieslēgšanās ir bloķēta līdz plkst\. \d{2}:\d{2} \(15 minūtes\)/)

    const locked = await attempt(PASSWORD)
    locked.assertSessionMissing('auth_web')
    assert.match(fieldErrors(locked).email[0], /bloķēta līdz plkst\./)

    assert.lengthOf(await auditRows('auth.login.locked_out'), 1)
    const failures = await auditRows('auth.login.failed')
    assert.lengthOf(failures, 6)
    assert.equal(failures[5].metadata.reason, 'locked_out')
  })

  test('the lockout message is in English when English is chosen', async ({ client, assert }) => {
    const user = await createUser()
    let response
    for (let i = 1; i <= 5; i++) {
      response = await client
        .post('/login')
        .form({ email: user.email, password: `wrong password ${i}` })
        .withPlainCookie('locale', 'en')
        .withCsrfToken()
        .redirects(0)
    }
    assert.match(
      fieldErrors(response!).email[0],
      /^Too many failed attempts\. Signing in is locked until \d{2}:\d{2} \(15 minutes\)/
    )
  })

  test('a successful login resets the failure count', async ({ client }) => {
    const user = await createUser()
    const attempt = (password: string) =>
      client.post('/login').form({ email: user.email, password }).withCsrfToken().redirects(0)

    for (let round = 1; round <= 2; round++) {
      for (let i = 1; i <= 4; i++) await attempt(`wrong password ${i}`)
      const response = await attempt(PASSWORD)
      response.assertSession('auth_web', user.id)
    }
  })

  test('a login without a CSRF token is refused', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    response.assertSessionMissing('auth_web')
    assert.lengthOf(await auditRows('auth.login.succeeded'), 0)
  })

  test('a logged-in user is sent away from the login page', async ({ client }) => {
    const user = await createUser()
    const response = await client.get('/login').loginAs(user).redirects(0)
    response.assertStatus(302)
  })

  test('logout ends the session and is audited', async ({ client, assert }) => {
    const user = await createUser()
    const response = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    response.assertSessionMissing('auth_web')
    response.assertFlashMessage('success', 'auth.flash.logged_out')
    const [row] = await auditRows('auth.logout')
    assert.equal(row.actorUserId, user.id)
  })
})
