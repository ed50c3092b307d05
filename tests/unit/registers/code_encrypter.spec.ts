import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import {
  driverCodeEncrypter,
  encryptsLikeTheApp,
  fastCodeEncrypter,
} from '#registers/import/code_encrypter'
import env from '#start/env'

const settings = () => ({ id: 'gcm', key: env.get('APP_KEY').release() })

test.group('Import code encryption', () => {
  test('the fast encrypter writes what the app decrypts, with a fresh IV each time', ({
    assert,
  }) => {
    const encrypt = fastCodeEncrypter(settings())
    const first = encrypt('161175-19997')
    const second = encrypt('161175-19997')
    assert.notEqual(first, second)
    assert.equal(encryption.decrypt(first), '161175-19997')
    assert.equal(encryption.decrypt(second), '161175-19997')
    assert.isTrue(encryptsLikeTheApp(encrypt, (value) => encryption.decrypt(value)))
  })

  test('IVs keep coming after the pooled random buffer is used up', ({ assert }) => {
    const encrypt = fastCodeEncrypter(settings())
    const ivs = new Set<string>()
    for (let i = 0; i < 5000; i++)
      ivs.add(encrypt(`32${String(i).padStart(4, '0')}-00000`).split('.')[2])
    assert.equal(ivs.size, 5000)
  })

  test('a wrong key or id is caught by the probe', async ({ assert }) => {
    const decrypt = (value: string) => encryption.decrypt(value)
    const wrongKey = fastCodeEncrypter({ id: 'gcm', key: 'another-key-of-32-characters-xx' })
    const wrongId = fastCodeEncrypter({ id: 'other', key: settings().key })
    assert.isFalse(encryptsLikeTheApp(wrongKey, decrypt))
    assert.isFalse(encryptsLikeTheApp(wrongId, decrypt))
    assert.isTrue(encryptsLikeTheApp(await driverCodeEncrypter(settings()), decrypt))
  })
})
