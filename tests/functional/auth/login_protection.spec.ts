import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { WebClient } from '#tests/support/web_client'
import { PASSWORD, auditRows, clearLimits, createUser } from '#tests/functional/auth/helpers'

const WRONG = 'Ievadiet pareizu e-pasta adresi un paroli'
const LOCKED =
  /^Pārāk daudz neveiksmīgu mēģinājumu\. Pieslēgšanās ir bloķēta līdz plkst\. \d{2}:\d{2}/

/**
 * One login from its own machine: a loopback address of its own (all of
 * 127.0.0.0/8 reaches the test server), with whatever headers it chooses.
 * Answers where the login went and the error shown on the form.
 */
async function loginFrom(
  address: string,
  email: string,
  password: string,
  headers?: () => Record<string, string>
) {
  const browser = new WebClient({ localAddress: address, headers })
  await browser.get('/login')
  const response = await browser.send('POST', '/login', { email, password })
  if (response.location !== '/login') return { landed: response.location, error: '' }
  const form = await browser.get('/login')
  return { landed: response.location, error: String(form.page.props.errors?.email ?? '') }
}

/** The client address each failed login was audited with, in order. */
async function failedLoginAddresses() {
  const rows = await auditRows('auth.login.failed')
  return rows.map((row) => row.ip)
}

/** The same failures from `count` new addresses, one each (a botnet against one account). */
async function failFromManyAddresses(email: string, count: number, firstOctet: number) {
  const errors: string[] = []
  for (let i = 0; i < count; i++) {
    const { error } = await loginFrom(`127.0.0.${firstOctet + i}`, email, `wrong password ${i}`)
    errors.push(error)
  }
  return errors
}

test.group('Login protection', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())

  test('five failures from five addresses lock the account for every address', async ({
    assert,
  }) => {
    const user = await createUser()
    const errors = await failFromManyAddresses(user.email, 5, 11)
    assert.deepEqual(errors.slice(0, 4), [WRONG, WRONG, WRONG, WRONG])
    assert.match(errors[4], LOCKED)

    const right = await loginFrom('127.0.0.16', user.email, PASSWORD)
    assert.equal(right.landed, '/login')
    assert.match(right.error, LOCKED)

    assert.deepEqual(await failedLoginAddresses(), [
      '127.0.0.11',
      '127.0.0.12',
      '127.0.0.13',
      '127.0.0.14',
      '127.0.0.15',
      '127.0.0.16',
    ])
  })

  test('an unregistered address is locked out exactly like a registered one', async ({
    assert,
  }) => {
    const user = await createUser()
    const registered = await failFromManyAddresses(user.email, 6, 41)
    const unknown = await failFromManyAddresses('nobody-here@example.lv', 6, 51)
    const shape = (messages: string[]) => messages.map((m) => m.replace(/\d/g, '#'))
    assert.deepEqual(shape(unknown), shape(registered))
    assert.match(unknown[5], LOCKED)
  })

  test('one address trying many accounts is stopped, other addresses are not', async ({
    assert,
  }) => {
    const user = await createUser()
    for (let i = 1; i <= 20; i++) {
      const { error } = await loginFrom('127.0.0.21', `sprayed${i}@example.lv`, 'Summer2026!')
      assert.match(error, i < 20 ? new RegExp(`^${WRONG}$`) : LOCKED, `attempt ${i}`)
    }

    const sameAddress = await loginFrom('127.0.0.21', user.email, PASSWORD)
    assert.equal(sameAddress.landed, '/login')
    assert.match(sameAddress.error, LOCKED)
    const otherAddress = await loginFrom('127.0.0.22', user.email, PASSWORD)
    assert.equal(otherAddress.landed, '/staff')
  })

  test('a new X-Forwarded-For from loopback buys no fresh attempts', async ({ assert }) => {
    let forged = 0
    const forgedHeader = () => ({ 'x-forwarded-for': `203.0.113.${++forged}` })
    for (let i = 1; i <= 20; i++) {
      await loginFrom('127.0.0.31', `target${i}@example.lv`, 'Summer2026!', forgedHeader)
    }
    const next = await loginFrom('127.0.0.31', 'target21@example.lv', 'Summer2026!', forgedHeader)
    assert.match(next.error, LOCKED)

    assert.deepEqual([...new Set(await failedLoginAddresses())], ['127.0.0.31'])
  })
})
