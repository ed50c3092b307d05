import { test } from '@japa/runner'
import { newDecisionJti, signDecision, verifyDecision } from '#app/decisions/decision_token'

const claims = {
  jti: newDecisionJti(),
  client: 7,
  provider: 3,
  service: 'riga-bus',
  at: '2026-11-18T07:45:00Z',
  benefit: { code: 'honour-family-bus', versionId: 12, grantorTenantId: 2 },
}

test.group('Decision ids', () => {
  test('a signed decision reads back exactly', ({ assert }) => {
    assert.deepEqual(verifyDecision(signDecision(claims)), claims)
  })

  test('an altered, truncated or foreign token is refused', ({ assert }) => {
    const token = signDecision(claims)
    const [version, payload, mac] = token.split('.')
    const forged = Buffer.from(
      JSON.stringify({ ...claims, benefit: { ...claims.benefit, code: 'other' } })
    ).toString('base64url')
    assert.isNull(verifyDecision(`${version}.${forged}.${mac}`))
    assert.isNull(verifyDecision(`${version}.${payload}`))
    assert.isNull(verifyDecision(`${version}.${payload}.${mac.slice(1)}`))
    assert.isNull(verifyDecision(`d0.${payload}.${mac}`))
    assert.isNull(verifyDecision(`${token}.x`))
    assert.isNull(verifyDecision(''))
  })

  test('two decisions never share an id', ({ assert }) => {
    const ids = new Set(Array.from({ length: 1000 }, () => newDecisionJti()))
    assert.equal(ids.size, 1000)
  })
})
