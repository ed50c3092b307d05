import { test } from '@japa/runner'
import { trustedProxies } from '#platform/http/trusted_proxies'

test.group('Trusted proxies (TRUSTED_PROXIES)', () => {
  test('unset or empty trusts no proxy, not even loopback', ({ assert }) => {
    for (const list of [undefined, '', ' , ']) {
      const trust = trustedProxies(list)
      assert.isFalse(trust('127.0.0.1', 0))
      assert.isFalse(trust('::1', 0))
    }
  })

  test('a list of names, addresses and CIDRs trusts exactly those', ({ assert }) => {
    const trust = trustedProxies('loopback, 10.0.0.0/8,192.0.2.7')
    assert.isTrue(trust('127.0.0.1', 0))
    assert.isTrue(trust('10.20.30.40', 0))
    assert.isTrue(trust('192.0.2.7', 0))
    assert.isFalse(trust('192.0.2.8', 0))
    assert.isFalse(trust('203.0.113.5', 0))
  })

  test('an invalid entry stops the boot instead of trusting anyone', ({ assert }) => {
    assert.throws(() => trustedProxies('10.0.0.0/8, proxy.example'), /invalid IP address/)
  })
})
