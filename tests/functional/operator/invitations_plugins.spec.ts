import { test } from '@japa/runner'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import Invitation from '#tenancy/models/invitation'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import AuditLog from '#platform/audit/audit_log'
import InvitationMail from '#tenancy/mails/invitation_mail'
import { hashInvitationToken } from '#tenancy/actions/create_invitation'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'

const JSON_HEADERS = { Accept: 'application/json' }

test.group('Operator portal: inviting a tenant admin', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('an operator invites the admin: a hashed token, 7 days, a queued mail', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const operator = await makeOperator()
    const tenant = await makeTenant({ name: 'Jelgava' })

    const response = await client
      .post(`/operator/tenants/${tenant.id}/invitations`)
      .form({ email: 'Admin@Jelgava.lv', fullName: 'Anna Bērziņa' })
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('success', 'tenancy.flash.invitation_sent')

    const invitation = await Invitation.query().where('tenant_id', tenant.id).firstOrFail()
    assert.equal(invitation.email, 'admin@jelgava.lv')
    assert.equal(invitation.role, 'tenant_admin')
    assert.equal(invitation.invitedByUserId, operator.id)
    assert.match(invitation.tokenHash, /^[0-9a-f]{64}$/)
    const days = invitation.expiresAt.diff(DateTime.now(), 'days').days
    assert.closeTo(days, 7, 0.01)

    mails.assertQueued(InvitationMail, (queued) => {
      const token = queued.data.url.split('/invitations/')[1]
      return (
        queued.data.to === 'admin@jelgava.lv' &&
        /^[A-Za-z0-9_-]{43}$/.test(token) &&
        hashInvitationToken(token) === invitation.tokenHash
      )
    })

    const audit = await AuditLog.query()
      .where('action', 'tenancy.invitation.created')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.deepEqual(audit.metadata, { email: 'admin@jelgava.lv', role: 'tenant_admin' })
  })

  test('the invitation mail is written in the language of the inviter', async ({ assert }) => {
    const message = new InvitationMail({
      to: 'a@b.lv',
      fullName: 'Anna',
      tenantName: 'Jelgava',
      role: 'tenant_admin',
      url: 'http://localhost/invitations/abc',
      expiresAt: DateTime.now().plus({ days: 7 }),
      locale: 'en',
    })
    message.prepare()
    const lv = new InvitationMail({ ...message.data, locale: 'lv' })
    lv.prepare()
    assert.equal(message.message.toJSON().message.subject, 'Invitation to Atvieglo: Jelgava')
    assert.equal(lv.message.toJSON().message.subject, 'Uzaicinājums uz Atvieglo: Jelgava')
    assert.include(String(lv.message.toJSON().message.text), 'http://localhost/invitations/abc')
  })

  test('a bad email or a second pending invitation is refused', async ({ client, assert }) => {
    mail.fake()
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const bad = await client
      .post(`/operator/tenants/${tenant.id}/invitations`)
      .json({ email: 'not-an-email', fullName: '' })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    bad.assertStatus(422)

    const first = await client
      .post(`/operator/tenants/${tenant.id}/invitations`)
      .json({ email: 'dup@example.lv', fullName: 'Dup Licate' })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    first.assertStatus(302)
    const second = await client
      .post(`/operator/tenants/${tenant.id}/invitations`)
      .json({ email: 'dup@example.lv', fullName: 'Dup Licate' })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    second.assertStatus(422)
    second.assertBodyContains({ errors: [{ field: 'email', rule: 'uniqueInTenant' }] })
    assert.lengthOf(await Invitation.query().where('tenant_id', tenant.id), 1)
  })

  test('the same email may have a pending invitation in another tenant', async ({ client }) => {
    mail.fake()
    const operator = await makeOperator()
    const first = await makeTenant()
    const second = await makeTenant()
    for (const tenant of [first, second]) {
      const response = await client
        .post(`/operator/tenants/${tenant.id}/invitations`)
        .json({ email: 'shared@example.lv', fullName: 'Shared Person' })
        .headers(JSON_HEADERS)
        .loginAs(operator)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }
  })

  test('inviting someone who is already a member is refused', async ({ client }) => {
    mail.fake()
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const response = await client
      .post(`/operator/tenants/${tenant.id}/invitations`)
      .json({ email: user.email, fullName: user.fullName })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({ errors: [{ field: 'email', rule: 'alreadyMember' }] })
  })

  test('inviting into an unknown tenant is 404', async ({ client }) => {
    const { mails } = mail.fake()
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants/999999/invitations')
      .json({ email: 'x@example.lv', fullName: 'X Y' })
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(404)
    mails.assertNoneQueued()
  })
})

test.group('Operator portal: sector plugins per tenant', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an operator enables and disables a plugin for one tenant, audited', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const other = await makeTenant()

    const enable = await client
      .post(`/operator/tenants/${tenant.id}/plugins`)
      .form({ pluginId: 'education', enabled: 'true' })
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    enable.assertStatus(302)
    const enabled = await TenantPlugin.query().where('tenant_id', tenant.id)
    assert.deepEqual(
      enabled.map((p) => p.pluginId),
      ['education']
    )
    assert.lengthOf(await TenantPlugin.query().where('tenant_id', other.id), 0)

    const page = await client.get(`/operator/tenants/${tenant.id}`).loginAs(operator).withInertia()
    const education = page.inertiaProps.plugins.find((p: { id: string }) => p.id === 'education')
    assert.isTrue(education.enabled)

    const disable = await client
      .post(`/operator/tenants/${tenant.id}/plugins`)
      .form({ pluginId: 'education', enabled: 'false' })
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    disable.assertStatus(302)
    assert.lengthOf(await TenantPlugin.query().where('tenant_id', tenant.id), 0)

    const rows = await AuditLog.query().where('tenant_id', tenant.id).orderBy('id')
    const actions = rows.map((row) => `${row.action}:${row.subjectId}`)
    assert.deepEqual(actions, [
      'tenancy.plugin.enabled:education',
      'tenancy.plugin.disabled:education',
    ])
  })

  test('enabling twice changes nothing and writes no second audit row', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    for (let i = 0; i < 2; i++) {
      await client
        .post(`/operator/tenants/${tenant.id}/plugins`)
        .form({ pluginId: 'welfare', enabled: 'true' })
        .loginAs(operator)
        .withCsrfToken()
        .redirects(0)
    }
    assert.lengthOf(await TenantPlugin.query().where('tenant_id', tenant.id), 1)
    assert.lengthOf(await AuditLog.query().where('tenant_id', tenant.id), 1)
  })

  test('an unknown plugin is refused', async ({ client, assert }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const response = await client
      .post(`/operator/tenants/${tenant.id}/plugins`)
      .json({ pluginId: 'casino', enabled: true })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
    assert.lengthOf(await TenantPlugin.query().where('tenant_id', tenant.id), 0)
  })

  test('toggling a plugin of an unknown tenant is 404', async ({ client }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants/999999/plugins')
      .json({ pluginId: 'education', enabled: true })
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(404)
  })
})
