import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import PasswordResetToken from '#tenancy/models/password_reset_token'
import { generateToken } from '#tenancy/auth/tokens'
import { sessionLifetimes } from '#config/session'
import { useSessionClock } from '#platform/sessions/session_clock'
import { purgeExpiredSessions } from '#platform/sessions/purge_expired_sessions'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'
import { useDatabaseSessions } from '#tests/support/database_sessions'
import { WebClient } from '#tests/support/web_client'
import { PASSWORD, clearLimits, createUserWithTwoFactor } from '#tests/functional/auth/helpers'

const MINUTE = 60_000

/** Moves the sessions' clock `minutes` past the real one (never sleeps). */
function clockAt(minutes: number) {
  useSessionClock(() => new Date(Date.now() + minutes * MINUTE))
}

async function staffMember(role: 'tenant_admin' | 'benefit_manager' = 'benefit_manager') {
  const tenant = await makeTenant()
  const { user, membership } = await makeMember(tenant, role)
  return { tenant, user, membership }
}

async function loggedIn(email: string) {
  const browser = new WebClient()
  const login = await browser.login(email, PASSWORD)
  if (login.location !== '/staff') throw new Error(`login went to ${login.location}`)
  return browser
}

async function sessionRows(userId: number) {
  return db.from('sessions').where('user_id', userId).select('id')
}

function createGroup(browser: WebClient, key: string) {
  return browser.send('POST', '/staff/catalogue/groups', {
    key,
    nameLv: 'Daudzbērnu ģimenes',
    nameEn: 'Large families',
    kind: 'list',
  })
}

test.group('Server-side sessions', (group) => {
  group.setup(() => useDatabaseSessions())
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())
  group.each.teardown(() => useSessionClock(null))

  test('a session cookie copied before logout is refused after logout', async ({ assert }) => {
    const { user } = await staffMember()
    const browser = await loggedIn(user.email)
    assert.equal(await browser.reach('/staff'), 'page')
    assert.lengthOf(await sessionRows(user.id), 1)

    const thief = browser.copy()
    const before = await createGroup(thief, 'stolen_before_logout')
    assert.match(before.location, /^\/staff\/catalogue\/groups\/\d+$/)

    const logout = await browser.send('POST', '/logout')
    assert.equal(logout.location, '/login')
    assert.lengthOf(await sessionRows(user.id), 0)

    assert.equal(await thief.reach('/staff'), '→ /login')
    await createGroup(thief, 'stolen_after_logout')
    const groups = await db.from('person_groups').whereLike('key', 'stolen_%').select('key')
    assert.deepEqual(
      groups.map((g) => g.key),
      ['stolen_before_logout']
    )
  })

  test('a session id planted before login is not the one that logs in (no fixation)', async ({
    assert,
  }) => {
    const { user } = await staffMember()
    const attacker = new WebClient()
    await attacker.get('/login')
    assert.exists(attacker.cookie('atvieglo-session'), 'the login page opened a session')

    const victim = attacker.copy()
    const login = await victim.login(user.email, PASSWORD)
    assert.equal(login.location, '/staff')
    assert.notEqual(victim.cookie('atvieglo-session'), attacker.cookie('atvieglo-session'))
    assert.equal(await victim.reach('/staff'), 'page')
    assert.equal(await attacker.reach('/staff'), '→ /login')
  })

  test('a session opened before a password reset is refused after it', async ({ assert }) => {
    const { user } = await staffMember()
    const victim = await loggedIn(user.email)
    assert.equal(await victim.reach('/staff'), 'page')

    const { token, hash } = generateToken()
    await PasswordResetToken.create({
      userId: user.id,
      tokenHash: hash,
      expiresAt: DateTime.now().plus({ hours: 1 }),
      usedAt: null,
    })
    const owner = new WebClient()
    await owner.get(`/reset-password/${token}`)
    const newPassword = 'a brand new passphrase 2026'
    const reset = await owner.send('POST', `/reset-password/${token}`, {
      password: newPassword,
      passwordConfirmation: newPassword,
    })
    assert.equal(reset.location, '/login')

    assert.equal(await victim.reach('/staff'), '→ /login')
    const login = await new WebClient().login(user.email, newPassword)
    assert.equal(login.location, '/staff')
  })

  test('a session idle for longer than the idle timeout is refused', async ({ assert }) => {
    const idleMinutes = sessionLifetimes.idleSeconds / 60
    const { user } = await staffMember()
    const browser = await loggedIn(user.email)

    clockAt(idleMinutes - 1)
    assert.equal(await browser.reach('/staff'), 'page')
    clockAt(2 * idleMinutes - 2)
    assert.equal(await browser.reach('/staff'), 'page', 'each request restarts the idle time')

    clockAt(3 * idleMinutes - 1)
    assert.equal(await browser.reach('/staff'), '→ /login')
    assert.lengthOf(await sessionRows(user.id), 0)
  })

  test('a busy session ends at the absolute timeout', async ({ assert }) => {
    const absoluteMinutes = sessionLifetimes.absoluteSeconds / 60
    const step = Math.floor(sessionLifetimes.idleSeconds / 60 / 2)
    const { user } = await staffMember()
    const browser = await loggedIn(user.email)

    let minutes = 0
    for (; minutes + step < absoluteMinutes; minutes += step) {
      clockAt(minutes)
      assert.equal(await browser.reach('/staff'), 'page', `at ${minutes} minutes`)
    }
    clockAt(absoluteMinutes)
    assert.equal(await browser.reach('/staff'), '→ /login')
  })

  test('a role change ends the member’s sessions, not the administrator’s', async ({ assert }) => {
    const { tenant, user: admin } = await staffMember('tenant_admin')
    const { user: member, membership } = await makeMember(tenant, 'benefit_manager')
    const adminBrowser = await loggedIn(admin.email)
    const memberBrowser = await loggedIn(member.email)
    assert.equal(await memberBrowser.reach('/staff'), 'page')

    await adminBrowser.get('/staff/users')
    const change = await adminBrowser.send('PUT', `/staff/memberships/${membership.id}`, {
      role: 'analyst',
    })
    assert.equal(change.location, '/staff/users')
    await membership.refresh()
    assert.equal(membership.role, 'analyst')

    assert.equal(await memberBrowser.reach('/staff'), '→ /login')
    assert.equal(await adminBrowser.reach('/staff'), 'page')
  })

  test('removing a member ends their sessions', async ({ assert }) => {
    const { tenant, user: admin } = await staffMember('tenant_admin')
    const { user: member, membership } = await makeMember(tenant, 'benefit_manager')
    const adminBrowser = await loggedIn(admin.email)
    const memberBrowser = await loggedIn(member.email)
    assert.lengthOf(await sessionRows(member.id), 1)

    await adminBrowser.get('/staff/users')
    const removal = await adminBrowser.send('DELETE', `/staff/memberships/${membership.id}`)
    assert.equal(removal.location, '/staff/users')

    assert.lengthOf(await sessionRows(member.id), 0)
    assert.equal(await memberBrowser.reach('/staff'), '→ /login')
  })

  test('an operator session copied before logout is refused after logout', async ({ assert }) => {
    const { user, secret } = await createUserWithTwoFactor({ isPlatformOperator: true })
    const browser = new WebClient()
    const login = await browser.login(user.email, PASSWORD, secret)
    assert.equal(login.location, '/operator/tenants')
    assert.equal(await browser.reach('/operator/tenants'), 'page')

    const thief = browser.copy()
    await browser.send('POST', '/logout')
    assert.equal(await thief.reach('/operator/tenants'), '→ /login')
  })

  test('API calls stay sessionless', async ({ assert }) => {
    const { user } = await staffMember()
    const browser = await loggedIn(user.email)
    const before = await db.from('sessions').count('* as total').first()

    const api = await browser.get('/api/v1/me')
    assert.equal(api.status, 401)
    assert.notInclude(api.body, user.email)
    assert.deepEqual(api.setCookies, [])

    const anonymous = await new WebClient().get('/api/v1/openapi.json')
    assert.equal(anonymous.status, 200)
    assert.deepEqual(anonymous.setCookies, [])
    const after = await db.from('sessions').count('* as total').first()
    assert.equal(after.total, before.total)
  })

  test('expired sessions are purged, live ones kept', async ({ assert }) => {
    const now = new Date()
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE)
    const absolute = sessionLifetimes.absoluteSeconds / 60
    const idle = sessionLifetimes.idleSeconds / 60
    const row = (id: string, created: number, seen: number) => ({
      id,
      data: '{}',
      created_at: ago(created),
      last_seen_at: ago(seen),
    })
    await db
      .table('sessions')
      .multiInsert([row('live', 60, 1), row('idle', 60, idle + 1), row('too-old', absolute + 1, 1)])

    assert.equal(await purgeExpiredSessions(sessionLifetimes, now), 2)
    const left = await db.from('sessions').whereIn('id', ['live', 'idle', 'too-old']).select('id')
    assert.deepEqual(
      left.map((r) => r.id),
      ['live']
    )
  })
})
