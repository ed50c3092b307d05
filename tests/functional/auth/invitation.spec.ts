import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#tenancy/models/user'
import Membership from '#tenancy/models/membership'
import Invitation from '#tenancy/models/invitation'
import {
  PASSWORD,
  auditRows,
  clearLimits,
  createInvitation,
  createUser,
  fieldErrors,
} from '#tests/functional/auth/helpers'

const NEW_PASSWORD = 'my own long password'

test.group('Invitation acceptance', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => clearLimits())

  test('the invitation page shows the organisation and the role', async ({ client, assert }) => {
    const { token, tenant } = await createInvitation({ role: 'analyst' })
    const response = await client.get(`/invitations/${token}`).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('auth/invitation')
    const props = response.inertiaProps as {
      mode: string
      invitation: { tenantName: string; role: string }
    }
    assert.equal(props.mode, 'register')
    assert.equal(props.invitation.tenantName, tenant.name)
    assert.equal(props.invitation.role, 'analyst')
  })

  test('accepting creates the user and the membership and logs them in', async ({
    client,
    assert,
  }) => {
    const { token, tenant, invitation } = await createInvitation({ email: 'Janis@Example.lv' })
    const response = await client
      .post(`/invitations/${token}`)
      .form({
        fullName: 'Jānis Kalniņš',
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      })
      .withPlainCookie('locale', 'en')
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/staff')
    response.assertFlashMessage('success', 'auth.flash.invitation_accepted')

    const user = await User.findByOrFail('email', 'janis@example.lv')
    assert.equal(user.fullName, 'Jānis Kalniņš')
    assert.equal(user.locale, 'en')
    assert.isFalse(user.isPlatformOperator)
    assert.isTrue(await hash.verify(user.password!, NEW_PASSWORD))
    response.assertSession('auth_web', user.id)
    response.assertSession('currentTenantId', tenant.id)

    const membership = await Membership.query()
      .where('user_id', user.id)
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.equal(membership.role, 'benefit_manager')

    await invitation.refresh()
    assert.isNotNull(invitation.acceptedAt)

    const [row] = await auditRows('tenancy.invitation.accepted')
    assert.equal(row.tenantId, tenant.id)
    assert.equal(row.actorUserId, user.id)
    assert.equal(row.subjectId, String(invitation.id))
  })

  test('a short password or a missing name is refused and nothing is created', async ({
    client,
    assert,
  }) => {
    const { token, invitation } = await createInvitation()
    const response = await client
      .post(`/invitations/${token}`)
      .form({ fullName: '', password: 'short', passwordConfirmation: 'short' })
      .withCsrfToken()
      .redirects(0)
    const errors = fieldErrors(response)
    assert.include(errors.fullName, 'Ievadiet savu vārdu un uzvārdu')
    assert.include(errors.password, 'Laukā “Parole” jābūt vismaz 12 rakstzīmēm')
    assert.isNull(await User.findBy('email', invitation.email))
    await invitation.refresh()
    assert.isNull(invitation.acceptedAt)
  })

  test('a used invitation shows a clear page and cannot be accepted again', async ({
    client,
    assert,
  }) => {
    const { token, invitation } = await createInvitation({ acceptedAt: DateTime.now() })
    const page = await client.get(`/invitations/${token}`).withInertia()
    page.assertStatus(410)
    page.assertInertiaComponent('auth/invalid_link')
    page.assertInertiaPropsContains({ kind: 'invitation', reason: 'used' })

    const response = await client
      .post(`/invitations/${token}`)
      .form({ fullName: 'Jānis', password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
    response.assertStatus(410)
    assert.isNull(await User.findBy('email', invitation.email))
  })

  test('an expired invitation shows a clear page and cannot be accepted', async ({
    client,
    assert,
  }) => {
    const { token, invitation } = await createInvitation({
      expiresAt: DateTime.now().minus({ minutes: 1 }),
    })
    const page = await client.get(`/invitations/${token}`).withInertia()
    page.assertStatus(410)
    page.assertInertiaPropsContains({ kind: 'invitation', reason: 'expired' })

    const response = await client
      .post(`/invitations/${token}`)
      .form({ fullName: 'Jānis', password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .withCsrfToken()
    response.assertStatus(410)
    assert.isNull(await User.findBy('email', invitation.email))
    assert.lengthOf(await auditRows('tenancy.invitation.accepted'), 0)
  })

  test('an unknown invitation link answers 404', async ({ client }) => {
    const response = await client.get('/invitations/no-such-token').withInertia()
    response.assertStatus(404)
    response.assertInertiaPropsContains({ kind: 'invitation', reason: 'unknown' })
  })

  test('someone who already has an account is asked to sign in first', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const { token } = await createInvitation({ email: user.email })
    const page = await client.get(`/invitations/${token}`).withInertia()
    page.assertInertiaPropsContains({ mode: 'sign_in' })
    assert.equal(page.session('auth.intended_url'), `/invitations/${token}`)

    const response = await client
      .post(`/invitations/${token}`)
      .form({
        fullName: 'Someone Else',
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/invitations/${token}`)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password!, PASSWORD))
    assert.lengthOf(await Membership.query().where('user_id', user.id), 0)
  })

  test('after signing in, the invited user comes back to the invitation', async ({ client }) => {
    const user = await createUser()
    const { token } = await createInvitation({ email: user.email })
    const response = await client
      .post('/login')
      .form({ email: user.email, password: PASSWORD })
      .withSession({ auth: { intended_url: `/invitations/${token}` } })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/invitations/${token}`)
  })

  test('a signed-in invitee accepts and only gets the membership', async ({ client, assert }) => {
    const user = await createUser()
    const { token, tenant } = await createInvitation({ email: user.email, role: 'auditor' })
    const page = await client.get(`/invitations/${token}`).loginAs(user).withInertia()
    page.assertInertiaPropsContains({ mode: 'confirm' })

    const response = await client
      .post(`/invitations/${token}`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/staff')
    response.assertSession('currentTenantId', tenant.id)
    const membership = await Membership.query().where('user_id', user.id).firstOrFail()
    assert.equal(membership.tenantId, tenant.id)
    assert.equal(membership.role, 'auditor')
    assert.lengthOf(await User.query().where('email', user.email), 1)
  })

  test('another signed-in user cannot accept someone else’s invitation', async ({
    client,
    assert,
  }) => {
    const other = await createUser()
    const { token, invitation } = await createInvitation()
    const page = await client.get(`/invitations/${token}`).loginAs(other).withInertia()
    page.assertInertiaPropsContains({ mode: 'wrong_user' })

    const response = await client
      .post(`/invitations/${token}`)
      .form({ fullName: 'Jānis', password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD })
      .loginAs(other)
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', `/invitations/${token}`)
    assert.lengthOf(await Membership.query().where('user_id', other.id), 0)
    await invitation.refresh()
    assert.isNull(invitation.acceptedAt)
    assert.isNull(await Invitation.query().whereNotNull('accepted_at').first())
  })
})
