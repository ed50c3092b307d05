import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import mail from '@adonisjs/mail/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import Tenant from '#tenancy/models/tenant'
import User from '#tenancy/models/user'
import Membership from '#tenancy/models/membership'
import Invitation from '#tenancy/models/invitation'
import AuditLog from '#platform/audit/audit_log'
import type InvitationMail from '#tenancy/mails/invitation_mail'
import { hashInvitationToken } from '#tenancy/actions/create_invitation'
import { makeOperator, nextRegistrationNumber } from '#tests/support/tenancy_fixtures'

/** Stands in for the acceptance endpoint (another helper's): the invitee joins. */
async function acceptInvitation(token: string) {
  const invitation = await Invitation.findByOrFail('token_hash', hashInvitationToken(token))
  if (!invitation.isUsable) throw new Error('invitation is not usable')
  const user = await User.create({
    email: invitation.email,
    fullName: invitation.fullName,
    password: 'a long passphrase here',
    locale: 'lv',
    isPlatformOperator: false,
  })
  await Membership.create({ tenantId: invitation.tenantId, userId: user.id, role: invitation.role })
  invitation.acceptedAt = DateTime.now()
  await invitation.save()
  return user
}

function tokenOf(queued: InvitationMail) {
  return queued.data.url.split('/invitations/')[1]
}

async function onboard(client: ApiClient, operator: User, name: string, adminEmail: string) {
  const registrationNumber = nextRegistrationNumber()
  await client
    .post('/operator/tenants')
    .form({ kind: 'municipality', name, registrationNumber, contactEmail: `info@${name}.lv` })
    .loginAs(operator)
    .withCsrfToken()
    .redirects(0)
  const tenant = await Tenant.findByOrFail('registration_number', registrationNumber)
  const invite = await client
    .post(`/operator/tenants/${tenant.id}/invitations`)
    .form({ email: adminEmail, fullName: `Admin of ${name}` })
    .loginAs(operator)
    .withCsrfToken()
    .redirects(0)
  invite.assertStatus(302)
  return tenant
}

test.group('Journey: onboarding two tenants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.teardown(() => mail.restore())

  test('an operator onboards two tenants whose admins invite colleagues and never see each other', async ({
    client,
    assert,
  }) => {
    const { mails } = mail.fake()
    const operator = await makeOperator()

    const valmiera = await onboard(client, operator, 'valmiera', 'admin@valmiera.lv')
    const tukums = await onboard(client, operator, 'tukums', 'admin@tukums.lv')

    const queued = mails.queued() as InvitationMail[]
    assert.lengthOf(queued, 2)
    const invitation = await Invitation.query()
      .where('tenant_id', valmiera.id)
      .where('role', 'tenant_admin')
      .firstOrFail()
    assert.equal(invitation.email, 'admin@valmiera.lv')

    const valmieraAdmin = await acceptInvitation(
      tokenOf(queued.find((m) => m.data.to === 'admin@valmiera.lv')!)
    )
    const tukumsAdmin = await acceptInvitation(
      tokenOf(queued.find((m) => m.data.to === 'admin@tukums.lv')!)
    )

    // The Valmiera admin invites a colleague, who joins too.
    const colleagueInvite = await client
      .post('/staff/invitations')
      .form({ email: 'analitikis@valmiera.lv', fullName: 'Ilze Ozola', role: 'analyst' })
      .loginAs(valmieraAdmin)
      .withCsrfToken()
      .redirects(0)
    colleagueInvite.assertStatus(302)
    const colleagueMail = (mails.queued() as InvitationMail[]).find(
      (m) => m.data.to === 'analitikis@valmiera.lv'
    )!
    assert.equal(colleagueMail.data.tenantName, 'valmiera')
    const colleague = await acceptInvitation(tokenOf(colleagueMail))

    // Each admin sees only their own tenant's users.
    const valmieraUsers = await client.get('/staff/users').loginAs(valmieraAdmin).withInertia()
    assert.sameMembers(
      valmieraUsers.inertiaProps.members.map((m: { email: string }) => m.email),
      [valmieraAdmin.email, colleague.email]
    )
    const tukumsUsers = await client.get('/staff/users').loginAs(tukumsAdmin).withInertia()
    assert.deepEqual(
      tukumsUsers.inertiaProps.members.map((m: { email: string }) => m.email),
      [tukumsAdmin.email]
    )

    // Neither can reach the other's members by id, nor switch into the other tenant.
    const colleagueMembership = await Membership.findByOrFail('user_id', colleague.id)
    const forged = await client
      .put(`/staff/memberships/${colleagueMembership.id}`)
      .json({ role: 'tenant_admin' })
      .loginAs(tukumsAdmin)
      .withCsrfToken()
    forged.assertStatus(404)
    const switched = await client
      .post('/staff/tenant')
      .json({ tenantId: valmiera.id })
      .header('Accept', 'application/json')
      .loginAs(tukumsAdmin)
      .withCsrfToken()
    switched.assertStatus(422)
    const tukumsAudit = await client.get('/staff/audit').loginAs(tukumsAdmin).withInertia()
    assert.isTrue(
      tukumsAudit.inertiaProps.entries.every((e: { tenantId: number }) => e.tenantId === tukums.id)
    )

    // Every change left an audit row in the right tenant.
    const rows = await AuditLog.query().whereIn('tenant_id', [valmiera.id, tukums.id]).orderBy('id')
    const trail = rows.map((row) => `${row.tenantId === valmiera.id ? 'V' : 'T'}:${row.action}`)
    assert.deepEqual(trail, [
      'V:tenancy.tenant.created',
      'V:tenancy.invitation.created',
      'T:tenancy.tenant.created',
      'T:tenancy.invitation.created',
      'V:tenancy.invitation.created',
    ])
    const colleagueAudit = rows[rows.length - 1]
    assert.equal(colleagueAudit.actorUserId, valmieraAdmin.id)
    assert.deepEqual(colleagueAudit.metadata, { email: 'analitikis@valmiera.lv', role: 'analyst' })
  })
})
