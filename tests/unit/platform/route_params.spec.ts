import { test } from '@japa/runner'
import { positiveIntegerUpTo, routeParams } from '#platform/http/route_params'

test.group('Route parameter matchers', () => {
  test('an int4 id is any canonical integer from 1 to 2147483647', ({ assert }) => {
    const { match } = routeParams.int4Id
    for (const ok of ['1', '9', '10', '2147483647', '2147483639', '1999999999', '2047483647']) {
      assert.match(ok, match, ok)
    }
    for (const bad of [
      '0',
      '01',
      '-1',
      '+1',
      '1e3',
      '1.0',
      '2147483648',
      '2147483650',
      '3000000000',
      '21474836470',
      '',
      ' 1',
      '1\u0000',
    ]) {
      assert.notMatch(bad, match, JSON.stringify(bad))
    }
  })

  test('the range pattern agrees with integer comparison at and around every digit', ({
    assert,
  }) => {
    for (const max of ['7', '10', '100', '2147483647', '9007199254740991', '505']) {
      const pattern = positiveIntegerUpTo(max)
      const limit = BigInt(max)
      const probes = new Set<bigint>([1n, limit, limit - 1n, limit + 1n, limit * 10n])
      for (let i = 0; i < max.length; i++) {
        const step = 10n ** BigInt(i)
        for (const delta of [-step, step, -9n * step, 9n * step]) probes.add(limit + delta)
      }
      for (let n = 0; n < 300; n++)
        probes.add(BigInt(Math.floor(Math.random() * Number(limit * 2n))))
      for (const probe of probes) {
        if (probe < 1n) continue
        assert.equal(pattern.test(String(probe)), probe <= limit, `${probe} against ${max}`)
      }
    }
  })

  test('an int8 id stops where JavaScript numbers stop being exact', ({ assert }) => {
    assert.match(String(Number.MAX_SAFE_INTEGER), routeParams.int8Id.match)
    assert.notMatch('9007199254740992', routeParams.int8Id.match)
    assert.strictEqual(routeParams.int8Id.cast('2147483648'), 2147483648)
  })

  test('codes and tokens refuse control characters, spaces and quotes', ({ assert }) => {
    for (const bad of ['a\u0000b', 'a b', "a'b", '..', 'A', 'x'.repeat(65)]) {
      assert.notMatch(bad, routeParams.code.match, JSON.stringify(bad))
    }
    assert.match('brivpusdienas-1', routeParams.code.match)
    assert.match('riga.free_days', routeParams.code.match)
    assert.match('Zx8-_'.repeat(8) + 'abc', routeParams.token.match)
    assert.notMatch(`${'a'.repeat(40)}\u0000`, routeParams.token.match)
  })
})
