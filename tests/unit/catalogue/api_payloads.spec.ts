import { test } from '@japa/runner'
import { fromApi, toApi } from '#catalogue/controllers/api/api_context'

test.group('Catalogue API payloads', () => {
  test('snake_case in, camelCase to the validators, and back; plugin field keys untouched', ({
    assert,
  }) => {
    const body = {
      name_lv: 'A',
      scenarios: [{ persons: [{ birth_date: '2000-01-01' }] }],
      extra: { 'loyalty.terms_url': 'x' },
    }
    const inner = fromApi(body)
    assert.deepEqual(inner, {
      nameLv: 'A',
      scenarios: [{ persons: [{ birthDate: '2000-01-01' }] }],
      extra: { 'loyalty.terms_url': 'x' },
    })
    assert.deepEqual(toApi(inner), body)
  })
})
