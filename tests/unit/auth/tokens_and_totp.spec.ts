import { test } from '@japa/runner'
import { authenticator } from 'otplib'
import { generateToken, hashToken } from '#tenancy/auth/tokens'
import { throttleKey } from '#tenancy/auth/throttles'
import {
  encryptTotpSecret,
  generateTotpSecret,
  totpQrCode,
  totpUri,
  verifyTotp,
} from '#tenancy/auth/totp'
import encryption from '@adonisjs/core/services/encryption'

test.group('Link tokens', () => {
  test('are 32 random bytes in base64url, stored as their sha256', ({ assert }) => {
    const { token, hash } = generateToken()
    assert.lengthOf(Buffer.from(token, 'base64url'), 32)
    assert.match(token, /^[A-Za-z0-9_-]{43}$/)
    assert.match(hash, /^[0-9a-f]{64}$/)
    assert.equal(hashToken(token), hash)
    assert.notEqual(generateToken().token, token)
  })
})

test.group('Throttle keys', () => {
  test('do not contain the email address in clear', ({ assert }) => {
    const key = throttleKey('login', 'anna@example.lv', '127.0.0.1')
    assert.notInclude(key, 'anna')
    assert.match(key, /^login:[0-9a-f]{40}$/)
    assert.notEqual(key, throttleKey('login', 'anna@example.lv', '127.0.0.2'))
  })
})

test.group('TOTP', () => {
  test('accepts the current code and refuses others', ({ assert }) => {
    const secret = generateTotpSecret()
    assert.isTrue(verifyTotp(authenticator.generate(secret), secret))
    assert.isFalse(verifyTotp('12345', secret))
    assert.isFalse(verifyTotp('not-a-code', secret))
  })

  test('the otpauth URI names Atvieglo as the issuer and the user as the account', ({ assert }) => {
    const uri = totpUri('anna@example.lv', 'JBSWY3DPEHPK3PXP')
    assert.match(uri, /^otpauth:\/\/totp\/Atvieglo:anna%40example\.lv\?/)
    assert.include(uri, 'issuer=Atvieglo')
    assert.include(uri, 'secret=JBSWY3DPEHPK3PXP')
  })

  test('the QR code is a PNG data URL', async ({ assert }) => {
    const png = await totpQrCode(totpUri('anna@example.lv', 'JBSWY3DPEHPK3PXP'))
    assert.match(png, /^data:image\/png;base64,[A-Za-z0-9+/=]+$/)
  })

  test('the stored secret is encrypted with the app key', ({ assert }) => {
    const encrypted = encryptTotpSecret('JBSWY3DPEHPK3PXP')
    assert.notInclude(encrypted, 'JBSWY3DPEHPK3PXP')
    assert.equal(encryption.decrypt(encrypted), 'JBSWY3DPEHPK3PXP')
  })
})
