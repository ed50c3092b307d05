import { test } from '@japa/runner'

test.group('Language switch', () => {
  test('pages are Latvian by default', async ({ client, assert }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    assert.include(response.text(), '<html lang="lv">')
    assert.include(response.text(), 'atvieglojumu pārvaldība')
  })

  test('choosing English sets a cookie and renders English pages', async ({ client, assert }) => {
    const response = await client
      .post('/language')
      .form({ locale: 'en' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertCookie('locale', 'en')

    const page = await client.get('/').withPlainCookie('locale', 'en')
    assert.include(page.text(), '<html lang="en">')
    assert.include(page.text(), 'benefits management')
  })

  test('an unsupported language is refused', async ({ client }) => {
    const response = await client
      .post('/language')
      .form({ locale: 'xx' })
      .withCsrfToken()
      .header('Accept', 'application/json')
    response.assertStatus(422)
  })

  test('a language change without a CSRF token is refused', async ({ client }) => {
    const response = await client.post('/language').form({ locale: 'en' }).redirects(0)
    // Shield sends the browser back with an error instead of applying the change.
    response.assertStatus(302)
    response.assertCookieMissing('locale')
  })
})
