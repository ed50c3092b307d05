import { test } from '@japa/runner'
import { isInputDataError } from '#platform/exceptions/input_data_error'

test.group('Database errors caused by request values', () => {
  test('out-of-range, unreadable and NUL values count as input errors', ({ assert }) => {
    for (const code of ['22003', '22P02', '22021', '22007', '22008']) {
      assert.isTrue(isInputDataError({ code }), code)
    }
  })

  test('other database errors stay server errors', ({ assert }) => {
    for (const error of [
      { code: '23505' },
      { code: '25P02' },
      { code: '42P01' },
      null,
      new Error('x'),
    ]) {
      assert.isFalse(isInputDataError(error))
    }
  })
})
