import { test } from '@japa/runner'
import User from '#tenancy/models/user'
import PasswordResetMail from '#tenancy/mails/password_reset_mail'

const LINK = 'https://atvieglo.test/reset-password/abc?x=<b>'

function userWithLocale(locale: string) {
  const user = new User()
  user.merge({ email: 'anna@example.lv', fullName: 'Anna <Bērziņa>', locale })
  return user
}

async function render(locale: string) {
  const mail = new PasswordResetMail(userWithLocale(locale), LINK)
  await mail.build()
  return mail.message.toJSON().message
}

test.group('Password reset mail', () => {
  test('is written in Latvian for a Latvian user', async ({ assert }) => {
    const message = await render('lv')
    assert.equal(message.subject, 'Atvieglo paroles atjaunošana')
    assert.include(message.text as string, 'Labdien, Anna <Bērziņa>!')
    assert.include(message.text as string, LINK)
  })

  test('is written in English for an English user', async ({ assert }) => {
    const message = await render('en')
    assert.equal(message.subject, 'Reset your Atvieglo password')
    assert.include(message.text as string, 'valid for 1 hour')
  })

  test('falls back to Latvian for an unsupported language', async ({ assert }) => {
    const message = await render('de')
    assert.equal(message.subject, 'Atvieglo paroles atjaunošana')
  })

  test('escapes the name and the link in the html part', async ({ assert }) => {
    const message = await render('en')
    const html = message.html as string
    assert.include(html, 'Anna &#60;Bērziņa&#62;')
    assert.include(html, 'href="https://atvieglo.test/reset-password/abc?x=&#60;b&#62;"')
    assert.notInclude(html, '<Bērziņa>')
  })

  test('is addressed to the user', async ({ assert }) => {
    const message = await render('lv')
    assert.deepEqual(message.to, [{ address: 'anna@example.lv', name: 'Anna <Bērziņa>' }])
  })
})
