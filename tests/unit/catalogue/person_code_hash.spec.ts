import { test } from '@japa/runner'
import {
  normalisePersonalCode,
  personCodeHash,
  personalCodeError,
} from '#catalogue/support/person_code_hash'

test.group('Personal codes', () => {
  test('an old-format code with the right check digit is valid', ({ assert }) => {
    assert.isNull(personalCodeError('161175-19997'))
    assert.isNull(personalCodeError('16117519997'))
  })

  test('a wrong check digit, an impossible date and a wrong shape are told apart', ({ assert }) => {
    assert.equal(personalCodeError('161175-19998'), 'check_digit')
    assert.equal(personalCodeError('310299-12345'), 'date')
    assert.equal(personalCodeError('1611751999'), 'format')
    assert.equal(personalCodeError('161175-39997'), 'format')
  })

  test('a new-format code 3[2-9]NNNN-NNNNN is valid without a check digit', ({ assert }) => {
    assert.isNull(personalCodeError('321234-12345'))
    assert.isNull(personalCodeError('39999912345'))
    assert.equal(personalCodeError('32123-412345'), 'format')
  })

  test('the hash is keyed, hex, and the same for both spellings of a code', ({ assert }) => {
    const hash = personCodeHash('161175-19997')
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.equal(personCodeHash('16117519997'), hash)
    assert.equal(normalisePersonalCode('16117519997'), '161175-19997')
    assert.notEqual(personCodeHash('161175-19997'), personCodeHash('321234-12345'))
  })
})
