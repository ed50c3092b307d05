import { test } from '@japa/runner'

test.group('Unknown pages', () => {
  test('a browser gets the 404 page for a URL no route matches', async ({ client, assert }) => {
    const response = await client.get('/no-such-page').header('Accept', 'text/html')
    response.assertStatus(404)
    assert.match(response.headers()['content-type'], /text\/html/)
    assert.include(response.text(), '<html lang="lv">')
    assert.include(response.text(), 'Lapa nav atrasta')
    assert.include(response.text(), 'data-page="app"')
  })

  test('the 404 page follows the chosen language', async ({ client, assert }) => {
    const response = await client
      .get('/no-such-page/deeper')
      .header('Accept', 'text/html')
      .withPlainCookie('locale', 'en')
    response.assertStatus(404)
    assert.include(response.text(), '<html lang="en">')
    assert.include(response.text(), 'Page not found')
  })

  test('an Inertia visit to an unknown URL gets the 404 page as Inertia JSON', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/no-such-page').header('X-Inertia', 'true')
    response.assertStatus(404)
    assert.equal(response.body().component, 'errors/not_found')
  })
})
