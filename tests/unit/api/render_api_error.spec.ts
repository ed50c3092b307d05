import { test } from '@japa/runner'
import { errors as vineErrors } from '@vinejs/vine'
import testUtils from '@adonisjs/core/services/test_utils'
import { renderApiError } from '#platform/api/render_api_error'
import { ApiError } from '#platform/api/api_error'

async function render(error: unknown, debug = false) {
  const ctx = await testUtils.createHttpContext()
  ctx.request.request.headers['accept-language'] = 'en'
  renderApiError(error, ctx, { debug })
  return { status: ctx.response.getStatus(), body: ctx.response.getBody(), ctx }
}

test.group('API error rendering', () => {
  test('a validation error is a 422 with one item per field', async ({ assert }) => {
    const { status, body } = await render(
      new vineErrors.E_VALIDATION_ERROR([
        { field: 'personal_code', rule: 'regex', message: 'Bad personal code' },
        { field: 'facts.0.valid_from', rule: 'date', message: 'Not a date' },
      ])
    )
    assert.equal(status, 422)
    assert.deepEqual(body.errors, [
      { code: 'validation_failed', field: 'personal_code', message: 'Bad personal code' },
      { code: 'validation_failed', field: 'facts.0.valid_from', message: 'Not a date' },
    ])
  })

  test('a crash is a 500 without its message or stack unless debugging', async ({ assert }) => {
    const crash = new Error('connection string postgres://secret@db')
    const { status, body } = await render(crash)
    assert.equal(status, 500)
    assert.equal(body.errors[0].code, 'server_error')
    assert.notInclude(JSON.stringify(body), 'postgres://')
    assert.notInclude(JSON.stringify(body), 'at ')
    const debugging = await render(crash, true)
    assert.include(debugging.body.errors[0].message, 'connection string')
    assert.notProperty(debugging.body.errors[0], 'stack')
  })

  test('a 429 carries Retry-After and 401 a Bearer challenge', async ({ assert }) => {
    const limited = await render(ApiError.tooManyRequests(12.2))
    assert.equal(limited.status, 429)
    assert.equal(limited.ctx.response.getHeader('Retry-After'), '13')
    assert.equal(limited.body.errors[0].message, 'Too many requests. Try again in 13 seconds.')
    const unauthorized = await render(ApiError.unauthorized())
    assert.equal(unauthorized.status, 401)
    assert.match(String(unauthorized.ctx.response.getHeader('WWW-Authenticate')), /^Bearer/)
  })

  test('any other HTTP error keeps its status with a stable code', async ({ assert }) => {
    const notFound = await render(Object.assign(new Error('Row not found'), { status: 404 }))
    assert.equal(notFound.status, 404)
    assert.deepEqual(notFound.body.errors, [{ code: 'not_found', message: 'Not found.' }])
    const forbidden = await render(Object.assign(new Error('Access denied'), { status: 403 }))
    assert.equal(forbidden.body.errors[0].code, 'forbidden')
  })
})
