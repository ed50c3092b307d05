import { test } from '@japa/runner'
import {
  buildOldPersonalCode,
  parsePersonalCode,
  personalCodeCheckDigit,
} from '#registers/personal_code'
import {
  decryptPersonalCode,
  encryptPersonalCode,
  personalCodeHash,
} from '#registers/personal_code_protection'

/** Independent reference of the published rule, so the module is not checked against itself. */
function referenceCheckDigit(tenDigits: string) {
  const weights = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((acc, w, i) => acc + w * Number(tenDigits[i]), 0)
  const result = (1101 - sum) % 11
  return result === 10 ? 0 : result
}

const VALID_OLD: Array<[string, string]> = [
  ['161175-19997', '1975-11-16'],
  ['010100-20000', '2000-01-01'],
  ['290200-21239', '2000-02-29'],
  ['290296-14567', '1996-02-29'],
  ['311299-19993', '1999-12-31'],
  ['280201-23214', '2001-02-28'],
  ['150847-11127', '1947-08-15'],
  ['010199-00055', '1899-01-01'],
  ['300617-27770', '2017-06-30'],
  ['120385-10427', '1985-03-12'],
  ['071112-29011', '2012-11-07'],
  // (1101 − Σ) mod 11 = 10 is written as 0
  ['010190-10010', '1990-01-01'],
]

test.group('Personal codes / old format', () => {
  test('accepts {0} with birth date {1}')
    .with(VALID_OLD)
    .run(({ assert }, [code, birthDate]) => {
      assert.deepEqual(parsePersonalCode(code), {
        ok: true,
        format: 'old',
        normalized: code,
        birthDate,
      })
    })

  test('agrees with the reference check digit for every serial of a date', ({ assert }) => {
    for (let serial = 0; serial < 1000; serial++) {
      const ten = `161175${1}${String(serial).padStart(3, '0')}`
      assert.equal(personalCodeCheckDigit(ten), referenceCheckDigit(ten))
    }
  })

  test('rejects a wrong check digit in "{$self}"')
    .with(['161175-19998', '161175-19990', '010100-20001', '290296-14560'])
    .run(({ assert }, code) => {
      assert.deepEqual(parsePersonalCode(code), { ok: false, reason: 'check_digit' })
    })

  test('rejects every wrong check digit of a valid code', ({ assert }) => {
    for (let x = 0; x <= 9; x++) {
      if (x === 7) continue
      assert.equal(parsePersonalCode(`161175-1999${x}`).ok, false)
    }
  })

  test('rejects the impossible date "{$self}"')
    .with([
      '300200-20000', // 30 Feb
      '290201-20000', // 29 Feb 2001, not a leap year
      '290200-10000', // 29 Feb 1900, not a leap year (century rule)
      '310475-10000', // 31 Apr
      '000175-10000', // day 0
      '011375-10000', // month 13
      '010075-10000', // month 0
      '310675-10000', // 31 Jun
    ])
    .run(({ assert }, code) => {
      assert.deepEqual(parsePersonalCode(code), { ok: false, reason: 'date' })
    })

  test('accepts 29 February in leap years 1996, 2000 and 2004', ({ assert }) => {
    for (const year of [1996, 2000, 2004]) {
      const code = buildOldPersonalCode(year, 2, 29, 1)
      const parsed = parsePersonalCode(code)
      assert.isTrue(parsed.ok)
      assert.equal(parsed.ok && parsed.birthDate, `${year}-02-29`)
    }
  })

  test('rejects the century digit "{$self}" as a format error')
    .with(['161175-39997', '161175-49997', '161175-99997'])
    .run(({ assert }, code) => {
      assert.deepEqual(parsePersonalCode(code), { ok: false, reason: 'format' })
    })

  test('builds codes that validate for every date of a leap year', ({ assert }) => {
    const day = new Date(Date.UTC(2000, 0, 1))
    for (let i = 0; i < 366; i++, day.setUTCDate(day.getUTCDate() + 1)) {
      const code = buildOldPersonalCode(
        day.getUTCFullYear(),
        day.getUTCMonth() + 1,
        day.getUTCDate(),
        (i * 37) % 1000
      )
      const parsed = parsePersonalCode(code)
      assert.isTrue(parsed.ok, code)
      assert.equal(parsed.ok && parsed.birthDate, day.toISOString().slice(0, 10))
    }
  })
})

test.group('Personal codes / new format', () => {
  test('accepts "{$self}"')
    .with(['320000-00000', '329999-99999', '391234-56789', '351807-00012'])
    .run(({ assert }, code) => {
      assert.deepEqual(parsePersonalCode(code), { ok: true, format: 'new', normalized: code })
    })

  test('treats 30xxxx and 31xxxx as old-format dates, not new codes', ({ assert }) => {
    assert.deepEqual(parsePersonalCode('310175-19990'), { ok: false, reason: 'check_digit' })
    assert.deepEqual(parsePersonalCode('301275-10000').ok, false)
  })
})

test.group('Personal codes / input shape', () => {
  test('accepts the code without the dash and normalizes it', ({ assert }) => {
    assert.deepEqual(parsePersonalCode('16117519997'), {
      ok: true,
      format: 'old',
      normalized: '161175-19997',
      birthDate: '1975-11-16',
    })
    assert.deepEqual(parsePersonalCode(' 32123456789 '), {
      ok: true,
      format: 'new',
      normalized: '321234-56789',
    })
  })

  test('rejects the malformed input "{$self}"')
    .with([
      '',
      '161175',
      '161175-1999',
      '161175-199977',
      '161175--19997',
      '161175 19997',
      '16117a-19997',
      'abcdef-ghijk',
      '１６１１７５-19997',
      '1611-7519997',
    ])
    .run(({ assert }, code) => {
      assert.deepEqual(parsePersonalCode(code), { ok: false, reason: 'format' })
    })
})

test.group('Personal codes / hashing and encryption', () => {
  test('hashes the normalized code with a key', ({ assert }) => {
    const hash = personalCodeHash('161175-19997')
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.equal(personalCodeHash('16117519997'), hash)
    assert.notEqual(personalCodeHash('320000-00000'), hash)
  })

  test('refuses to hash an invalid code', ({ assert }) => {
    assert.throws(() => personalCodeHash('161175-19998'), /check_digit/)
  })

  test('encrypts the code for display and decrypts it back', ({ assert }) => {
    const cipher = encryptPersonalCode('16117519997')
    assert.notInclude(cipher, '161175')
    assert.equal(decryptPersonalCode(cipher), '161175-19997')
  })
})
