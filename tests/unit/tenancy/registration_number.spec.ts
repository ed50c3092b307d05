import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import { isValidRegistrationNumber } from '#platform/identifiers/registration_number'
import { registrationNumber } from '#tenancy/validators/rules'

test.group('Registration number', () => {
  // 4·9+0·1+0·4+0·8+3·3+0·10+3·2+2·5+9·7+4·6+9·1 = 157 = 14·11 + 3
  test('accepts numbers whose weighted sum is 3 modulo 11', ({ assert }) => {
    for (const number of ['40003032949', '40003031676', '40003039595', '90000000014']) {
      assert.isTrue(isValidRegistrationNumber(number), number)
    }
  })

  test('refuses a wrong check digit', ({ assert }) => {
    assert.isFalse(isValidRegistrationNumber('40003032948'))
    assert.isFalse(isValidRegistrationNumber('40003031677'))
  })

  test('refuses anything but exactly 11 digits', ({ assert }) => {
    for (const value of ['', '4000303294', '400030329490', '4000303294a', ' 40003032949']) {
      assert.isFalse(isValidRegistrationNumber(value), JSON.stringify(value))
    }
  })

  test('the registrationNumber VineJS rule reports an invalid number', async ({ assert }) => {
    const validator = vine.create({ number: vine.string().use(registrationNumber()) })
    assert.deepEqual(await validator.validate({ number: '40003032949' }), {
      number: '40003032949',
    })
    try {
      await validator.validate({ number: '40003032948' })
      assert.fail('expected a validation error')
    } catch (error) {
      assert.equal(error.messages[0].rule, 'registrationNumber')
      assert.equal(error.messages[0].field, 'number')
    }
  })
})
