import { test } from '@japa/runner'
import { isValidRegistrationNumber } from '#platform/identifiers/registration_number'
import { DEMO_TENANTS } from '#database/data/tenants'

test.group('isValidRegistrationNumber', () => {
  test('accepts a number whose weighted sum is 3 modulo 11', ({ assert }) => {
    assert.isTrue(isValidRegistrationNumber('40003619950'))
    assert.isTrue(isValidRegistrationNumber('90011524360'))
  })

  test('rejects a wrong check digit', ({ assert }) => {
    assert.isFalse(isValidRegistrationNumber('40003619951'))
    assert.isFalse(isValidRegistrationNumber('90011524361'))
  })

  test('rejects anything that is not exactly 11 digits', ({ assert }) => {
    for (const value of ['', '4000361995', '400036199500', '4000361995a', ' 40003619950']) {
      assert.isFalse(isValidRegistrationNumber(value), value)
    }
  })

  test('every seeded tenant has a valid and unique registration number', ({ assert }) => {
    for (const tenant of DEMO_TENANTS) {
      assert.isTrue(isValidRegistrationNumber(tenant.registrationNumber), tenant.name)
    }
    const numbers = new Set(DEMO_TENANTS.map((tenant) => tenant.registrationNumber))
    assert.equal(numbers.size, DEMO_TENANTS.length)
  })
})
