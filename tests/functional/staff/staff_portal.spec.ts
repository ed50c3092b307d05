import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import Invitation from '#tenancy/models/invitation'
import Membership from '#tenancy/models/membership'
import AuditLog from '#platform/audit/audit_log'
import InvitationMail from '#tenancy/mails/invitation_mail'
import { recordAudit } from '#platform/audit/record_audit'
import { CURRENT_TENANT_KEY } from '#tenancy/middleware/tenant_middleware'
import { makeMember, makeTenant, makeUser } from '#tests/support/tenancy_fixtures'

const JSON_HEADERS = { Accept: 'application/json' }

test.group('Staff portal: dashboard', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a member sees the tenant, their role and its figures', async ({ client, assert }) => {
    const tenant = await makeTenant({ name: 'Ogres novads', kind: 'municipality' })
    const { user } = await makeMember(tenant, 'analyst')
    await makeMember(tenant, 'tenant_admin')
    const response = await client.get('/staff').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/dashboard')
    assert.deepEqual(response.inertiaProps.tenant, { name: 'Ogres novads', kind: 'municipality' })
    assert.equal(response.inertiaProps.role, 'analyst')
    assert.deepEqual(response.inertiaProps.counts, {
      members: 2,
      admins: 1,
      pendingInvitations: 0,
      plugins: 0,
    })
  })

  test('a user without any tenant is refused', async ({ client }) => {
    const user = await makeUser()
    const response = await client.get('/staff').loginAs(user)
    response.assertStatus(403)
  })

  test('a guest is sent to the login page', async ({ client }) => {
    const response = await client.get('/staff').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })
})

test.group('Staff portal: users', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('an admin lists only the users of the current tenant', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { user: colleague } = await makeMember(tenant, 'auditor')
    const { user: stranger } = await makeMember(other, 'tenant_admin')

    const response = await client.get('/staff/users').loginAs(admin).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/users_index')
    const emails = response.inertiaProps.members.map((m: { email: string }) => m.email)
    assert.sameMembers(emails, [admin.email, colleague.email])
    assert.notInclude(emails, stranger.email)
    assert.isTrue(response.inertiaProps.canManage)
  })

  test('an auditor sees the users but cannot manage them', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const response = await client.get('/staff/users').loginAs(user).withInertia()
    response.assertStatus(200)
    assert.isFalse(response.inertiaProps.canManage)
    assert.deepEqual(response.inertiaProps.invitations, [])
  })

  test('an analyst may not see the users list', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const response = await client.get('/staff/users').loginAs(user)
    response.assertStatus(403)
  })

  test('an admin invites a colleague with a role', async ({ client, assert }) => {
    const { mails } = mail.fake()
    const tenant = await makeTenant({ name: 'Cēsis' })
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/invitations')
      .form({ email: 'kolega@cesis.lv', fullName: 'Jānis Kalniņš', role: 'benefit_manager' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/staff/users')

    const invitation = await Invitation.query().where('tenant_id', tenant.id).firstOrFail()
    assert.equal(invitation.role, 'benefit_manager')
    assert.equal(invitation.invitedByUserId, admin.id)
    mails.assertQueued(
      InvitationMail,
      (m) => m.data.to === 'kolega@cesis.lv' && m.data.tenantName === 'Cēsis'
    )
    const audit = await AuditLog.query()
      .where('action', 'tenancy.invitation.created')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.equal(audit.actorUserId, admin.id)
  })

  test('an invitation with an unknown role or a bad email is refused', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .post('/staff/invitations')
      .json({ email: 'nope', fullName: 'X Y', role: 'superuser' })
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    response.assertStatus(422)
    const fields = response.body().errors.map((e: { field: string }) => e.field)
    assert.includeMembers(fields, ['email', 'role'])
    mails.assertNoneQueued()
  })

  test('only an admin may invite', async ({ client }) => {
    const { mails } = mail.fake()
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const response = await client
      .post('/staff/invitations')
      .json({ email: 'a@b.lv', fullName: 'A B', role: 'analyst' })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(403)
    mails.assertNoneQueued()
  })

  test('a form post without permission goes back with an error message', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const response = await client
      .post('/staff/invitations')
      .form({ email: 'a@b.lv', fullName: 'A B', role: 'analyst' })
      .header('Referer', '/staff/users')
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/staff/users')
    response.assertFlashMessage('error')
  })

  test('an admin changes a member’s role, audited', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { membership } = await makeMember(tenant, 'analyst')
    const response = await client
      .put(`/staff/memberships/${membership.id}`)
      .form({ role: 'auditor' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await membership.refresh()
    assert.equal(membership.role, 'auditor')
    const audit = await AuditLog.query()
      .where('action', 'tenancy.membership.changed')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.deepEqual(audit.metadata, { userId: membership.userId, from: 'analyst', to: 'auditor' })
  })

  test('an unknown role is refused', async ({ client }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { membership } = await makeMember(tenant, 'analyst')
    const response = await client
      .put(`/staff/memberships/${membership.id}`)
      .json({ role: 'owner' })
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('the last admin cannot be demoted', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin, membership } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .put(`/staff/memberships/${membership.id}`)
      .json({ role: 'analyst' })
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    response.assertStatus(422)
    assert.equal(
      response.body().errors[0].message,
      'Organizācijā jāpaliek vismaz vienam administratoram'
    )
    await membership.refresh()
    assert.equal(membership.role, 'tenant_admin')
  })

  test('one of two admins can be demoted', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { membership } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .put(`/staff/memberships/${membership.id}`)
      .json({ role: 'analyst' })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await membership.refresh()
    assert.equal(membership.role, 'analyst')
  })

  test('only an admin may change roles', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const { membership } = await makeMember(tenant, 'analyst')
    const response = await client
      .put(`/staff/memberships/${membership.id}`)
      .json({ role: 'tenant_admin' })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(403)
    await membership.refresh()
    assert.equal(membership.role, 'analyst')
  })

  test('another tenant’s membership is 404 for role changes and removal', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { membership } = await makeMember(other, 'analyst')
    const update = await client
      .put(`/staff/memberships/${membership.id}`)
      .json({ role: 'tenant_admin' })
      .loginAs(admin)
      .withCsrfToken()
    update.assertStatus(404)
    const remove = await client
      .delete(`/staff/memberships/${membership.id}`)
      .loginAs(admin)
      .withCsrfToken()
    remove.assertStatus(404)
    await membership.refresh()
    assert.equal(membership.role, 'analyst')
  })

  test('an admin removes a member, audited', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { membership } = await makeMember(tenant, 'analyst')
    const response = await client
      .delete(`/staff/memberships/${membership.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    assert.isNull(await Membership.find(membership.id))
    const audit = await AuditLog.query()
      .where('action', 'tenancy.membership.removed')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.equal(audit.subjectId, String(membership.id))
  })

  test('the last admin cannot be removed', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user: admin, membership } = await makeMember(tenant, 'tenant_admin')
    const response = await client
      .delete(`/staff/memberships/${membership.id}`)
      .headers(JSON_HEADERS)
      .loginAs(admin)
      .withCsrfToken()
    response.assertStatus(422)
    assert.isNotNull(await Membership.find(membership.id))
  })

  test('only an admin may remove members', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'benefit_manager')
    const { membership } = await makeMember(tenant, 'analyst')
    const response = await client
      .delete(`/staff/memberships/${membership.id}`)
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(403)
    assert.isNotNull(await Membership.find(membership.id))
  })
})

test.group('Staff portal: audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an auditor sees only the current tenant’s audit rows', async ({ client, assert }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    await recordAudit({ action: 'tenancy.test.ours', tenantId: tenant.id })
    await recordAudit({ action: 'tenancy.test.theirs', tenantId: other.id })
    await recordAudit({ action: 'tenancy.test.platform' })

    const response = await client.get('/staff/audit').loginAs(user).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('staff/audit_index')
    assert.deepEqual(
      response.inertiaProps.entries.map((e: { action: string }) => e.action),
      ['tenancy.test.ours']
    )
  })

  test('the audit log filters by action and by a member of the tenant', async ({
    client,
    assert,
  }) => {
    const tenant = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    await recordAudit({ action: 'tenancy.test.a', tenantId: tenant.id, actorUserId: admin.id })
    await recordAudit({ action: 'tenancy.test.b', tenantId: tenant.id })
    const response = await client
      .get('/staff/audit')
      .qs({ action: 'tenancy.test', actorUserId: admin.id })
      .loginAs(admin)
      .withInertia()
    assert.deepEqual(
      response.inertiaProps.entries.map((e: { action: string }) => e.action),
      ['tenancy.test.a']
    )
  })

  test('filtering by a user of another tenant fails validation', async ({ client }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user: admin } = await makeMember(tenant, 'tenant_admin')
    const { user: stranger } = await makeMember(other, 'tenant_admin')
    const response = await client
      .get('/staff/audit')
      .qs({ actorUserId: stranger.id })
      .headers(JSON_HEADERS)
      .loginAs(admin)
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'actorUserId', rule: 'existsInTenant' }] })
  })

  test('an analyst may not read the audit log', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const response = await client.get('/staff/audit').loginAs(user)
    response.assertStatus(403)
  })
})

test.group('Staff portal: tenant switcher', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user with two tenants switches between them', async ({ client, assert }) => {
    const first = await makeTenant({ name: 'Pirmā' })
    const second = await makeTenant({ name: 'Otrā' })
    const { user } = await makeMember(first, 'tenant_admin')
    await makeMember(second, 'auditor', user)

    const response = await client
      .post('/staff/tenant')
      .form({ tenantId: second.id })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/staff')
    response.assertSession(CURRENT_TENANT_KEY, second.id)

    const dashboard = await client
      .get('/staff')
      .withSession({ [CURRENT_TENANT_KEY]: second.id })
      .loginAs(user)
      .withInertia()
    assert.equal(dashboard.inertiaProps.tenant.name, 'Otrā')
    assert.equal(dashboard.inertiaProps.role, 'auditor')
  })

  test('switching to a tenant the user does not belong to is refused', async ({ client }) => {
    const ours = await makeTenant()
    const theirs = await makeTenant()
    const { user } = await makeMember(ours, 'tenant_admin')
    const response = await client
      .post('/staff/tenant')
      .json({ tenantId: theirs.id })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'tenantId', rule: 'existsInTenant' }] })
  })

  test('switching to a suspended tenant is refused', async ({ client }) => {
    const ours = await makeTenant()
    const suspended = await makeTenant({ status: 'suspended' })
    const { user } = await makeMember(ours, 'tenant_admin')
    await makeMember(suspended, 'tenant_admin', user)
    const response = await client
      .post('/staff/tenant')
      .json({ tenantId: suspended.id })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('a tenant id that is not a number is refused', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const response = await client
      .post('/staff/tenant')
      .json({ tenantId: 'abc' })
      .headers(JSON_HEADERS)
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('a user without tenants cannot use the switcher', async ({ client }) => {
    const tenant = await makeTenant()
    const user = await makeUser()
    const response = await client
      .post('/staff/tenant')
      .json({ tenantId: tenant.id })
      .loginAs(user)
      .withCsrfToken()
    response.assertStatus(403)
  })
})
