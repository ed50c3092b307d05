import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient as HttpClient } from '@japa/api-client'
import { toApi } from '#catalogue/controllers/api/api_context'
import { makeTenant } from '#tests/support/tenancy_fixtures'
import { bearerFor, makeApiClient } from './fixtures.js'
import { sourceWithClient } from '../registers/push_support.js'
import { draft } from '../catalogue/fixtures.js'

type Language = 'lv' | 'en' | null

/** The first error's message of a request sent with the given Accept-Language (none: null). */
async function firstMessage(
  request: ReturnType<HttpClient['get']>,
  language: Language,
  status: number
) {
  if (language) request.header('Accept-Language', language)
  const response = await request
  response.assertStatus(status)
  return response.body().errors[0].message as string
}

test.group('API languages: 422 and 400 messages follow Accept-Language', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the register push endpoint answers a bad body in Latvian by default and in English on request', async ({
    client,
    assert,
  }) => {
    const { source, authorization } = await sourceWithClient()
    const send = (language: Language) =>
      firstMessage(
        client
          .post(`/api/v1/registers/${source.code}/changes`)
          .header('Authorization', authorization)
          .json({ mode: 'sideways' }),
        language,
        422
      )
    assert.match(await send(null), /^Izvēlieties derīgu vērtību/)
    assert.match(await send('lv'), /^Izvēlieties derīgu vērtību/)
    assert.match(await send('en'), /^Select a valid/)
  })

  test('the entitlements query answers a missing personal code in the asked language', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant, { scopes: ['entitlements:read'] })
    const authorization = await bearerFor(apiClient)
    const send = (language: Language) =>
      firstMessage(
        client.get('/api/v1/entitlements').header('Authorization', authorization),
        language,
        422
      )
    assert.match(await send(null), /^Aizpildiet lauku/)
    assert.match(await send('en'), /^Enter the/)
  })

  test('a catalogue draft with bad fields is refused in the asked language', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { client: apiClient } = await makeApiClient(tenant, {
      scopes: ['catalogue:read', 'catalogue:write'],
    })
    const authorization = await bearerFor(apiClient)
    const body = { ...(toApi(draft()) as Record<string, unknown>), code: 'x.y', sector: 'nope' }
    const send = (language: Language) =>
      firstMessage(
        client.post('/api/v1/benefits').header('Authorization', authorization).json(body),
        language,
        422
      )
    assert.equal(await send('lv'), 'Izvēlieties nozari no saraksta')
    assert.equal(await send('en'), 'Choose a sector from the list')
  })

  test('the token endpoint answers a request without grant_type in the asked language', async ({
    client,
    assert,
  }) => {
    const send = (language: Language) =>
      firstMessage(
        client.post('/api/v1/oauth/token').form({ client_id: 'x', client_secret: 'y' }),
        language,
        400
      )
    assert.match(await send(null), /^Pieprasījumā trūkst grant_type/)
    assert.match(await send('en'), /^The request is missing grant_type/)
  })
})
