import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'

async function load(locale: string, namespace: string) {
  return JSON.parse(await readFile(app.languageFilesPath(locale, `${namespace}.json`), 'utf8'))
}

function keys(value: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    child && typeof child === 'object'
      ? keys(child as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}`]
  )
}

test.group('Auth and validator translations', () => {
  for (const namespace of ['auth', 'validator']) {
    test(`${namespace}.json has the same keys in Latvian and English`, async ({ assert }) => {
      const lv = keys(await load('lv', namespace)).sort()
      const en = keys(await load('en', namespace)).sort()
      assert.deepEqual(lv, en)
    })
  }

  test('validator messages cover the common VineJS rules', async ({ assert }) => {
    for (const locale of ['lv', 'en']) {
      const validator = await load(locale, 'validator')
      const messages = validator.shared.messages
      for (const rule of [
        'required',
        'email',
        'minLength',
        'maxLength',
        'fixedLength',
        'confirmed',
        'in',
        'regex',
        'number',
        'database.unique',
        'database.exists',
      ]) {
        assert.properties(messages, [rule], `${locale} misses ${rule}`)
      }
    }
  })
})
