import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Tenant from '#tenancy/models/tenant'
import AuditLog from '#platform/audit/audit_log'
import {
  makeMember,
  makeOperator,
  makeTenant,
  nextRegistrationNumber,
} from '#tests/support/tenancy_fixtures'

const JSON_HEADERS = { Accept: 'application/json' }

test.group('Operator portal: tenants', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an operator lists tenants filtered by kind and status', async ({ client, assert }) => {
    const operator = await makeOperator()
    await makeTenant({ name: 'Rīga', kind: 'municipality' })
    await makeTenant({ name: 'Veikals', kind: 'merchant' })
    await makeTenant({ name: 'Apturēta', kind: 'merchant', status: 'suspended' })

    const all = await client.get('/operator/tenants').loginAs(operator).withInertia()
    all.assertStatus(200)
    all.assertInertiaComponent('operator/tenants_index')
    const names = all.inertiaProps.tenants.map((t: { name: string }) => t.name)
    assert.includeMembers(names, ['Rīga', 'Veikals', 'Apturēta'])

    const merchants = await client
      .get('/operator/tenants')
      .qs({ kind: 'merchant', status: 'active' })
      .loginAs(operator)
      .withInertia()
    assert.deepEqual(
      merchants.inertiaProps.tenants.map((t: { name: string }) => t.name),
      ['Veikals']
    )
  })

  test('the tenant list renders as an accessible table', async ({ client, assert }) => {
    const operator = await makeOperator()
    await makeTenant({ name: 'Ķekavas novads' })
    const response = await client.get('/operator/tenants').loginAs(operator)
    response.assertStatus(200)
    assert.include(response.text(), '<caption')
    assert.include(response.text(), 'Ķekavas novads')
  })

  test('an unknown filter value is refused', async ({ client }) => {
    const operator = await makeOperator()
    const response = await client
      .get('/operator/tenants')
      .qs({ kind: 'pirates' })
      .headers(JSON_HEADERS)
      .loginAs(operator)
    response.assertStatus(422)
  })

  test('a staff member who is not an operator gets 404 everywhere', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')
    for (const url of [
      '/operator/tenants',
      '/operator/tenants/create',
      `/operator/tenants/${tenant.id}`,
      `/operator/tenants/${tenant.id}/edit`,
      '/operator/audit',
    ]) {
      const response = await client.get(url).loginAs(user)
      response.assertStatus(404)
    }
    for (const url of [
      '/operator/tenants',
      `/operator/tenants/${tenant.id}/suspend`,
      `/operator/tenants/${tenant.id}/reactivate`,
      `/operator/tenants/${tenant.id}/invitations`,
      `/operator/tenants/${tenant.id}/plugins`,
      '/operator/audit/verify',
    ]) {
      const response = await client.post(url).loginAs(user).withCsrfToken()
      response.assertStatus(404)
    }
    const update = await client.put(`/operator/tenants/${tenant.id}`).loginAs(user).withCsrfToken()
    update.assertStatus(404)
  })

  test('a guest is sent to the login page', async ({ client }) => {
    const response = await client.get('/operator/tenants').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('an operator creates a tenant, audited', async ({ client, assert }) => {
    const operator = await makeOperator()
    const registrationNumber = nextRegistrationNumber()
    const response = await client
      .post('/operator/tenants')
      .form({
        kind: 'state_grantor',
        name: 'Autotransporta direkcija',
        registrationNumber,
        contactEmail: 'info@atd.lv',
        contactPhone: '+371 67 000 000',
      })
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const tenant = await Tenant.findByOrFail('registration_number', registrationNumber)
    response.assertHeader('location', `/operator/tenants/${tenant.id}`)
    response.assertFlashMessage('success', 'tenancy.flash.tenant_created')
    assert.equal(tenant.status, 'active')
    assert.equal(tenant.kind, 'state_grantor')

    const audit = await AuditLog.query()
      .where('action', 'tenancy.tenant.created')
      .where('subject_id', String(tenant.id))
      .firstOrFail()
    assert.equal(audit.tenantId, tenant.id)
    assert.equal(audit.actorUserId, operator.id)
  })

  test('the create form is shown to operators', async ({ client }) => {
    const operator = await makeOperator()
    const response = await client.get('/operator/tenants/create').loginAs(operator).withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('operator/tenant_create')
  })

  test('a bad check digit and missing fields are refused with Latvian messages', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants')
      .json({ kind: 'municipality', name: '', registrationNumber: '40003032948' })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
    const errors: { field: string; message: string }[] = response.body().errors
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]))
    assert.include(byField.registrationNumber, 'kontrolciparu')
    assert.include(byField.registrationNumber, 'Reģistrācijas numurs')
    assert.properties(byField, ['name', 'contactEmail'])
    assert.equal(await Tenant.query().where('registration_number', '40003032948').first(), null)
  })

  test('the same messages come in English when English is chosen', async ({ client, assert }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants')
      .json({
        kind: 'municipality',
        name: 'X Y',
        registrationNumber: '123',
        contactEmail: 'a@b.lv',
      })
      .headers(JSON_HEADERS)
      .withPlainCookie('locale', 'en')
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
    assert.equal(
      response.body().errors[0].message,
      'Enter the registration number as 11 digits with a correct check digit'
    )
  })

  test('a form post with bad input goes back with the errors in the session', async ({
    client,
  }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants')
      .form({ kind: 'municipality', name: 'Valka', registrationNumber: '1' })
      .header('Referer', '/operator/tenants/create')
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/operator/tenants/create')
    response.assertFlashMessage('inputErrorsBag')
  })

  test('a registration number already used by another tenant is refused', async ({ client }) => {
    const operator = await makeOperator()
    const existing = await makeTenant()
    const response = await client
      .post('/operator/tenants')
      .json({
        kind: 'merchant',
        name: 'Dublikāts',
        registrationNumber: existing.registrationNumber,
        contactEmail: 'dup@example.lv',
      })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
    response.assertBodyContains({
      errors: [{ field: 'registrationNumber', rule: 'database.unique' }],
    })
  })

  test('the tenant page shows its data, users, invitations and plugins', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant({ name: 'Liepāja' })
    const { user } = await makeMember(tenant, 'tenant_admin')
    const other = await makeTenant()
    await makeMember(other, 'analyst')

    const response = await client
      .get(`/operator/tenants/${tenant.id}`)
      .loginAs(operator)
      .withInertia()
    response.assertStatus(200)
    response.assertInertiaComponent('operator/tenant_show')
    assert.equal(response.inertiaProps.tenant.name, 'Liepāja')
    assert.deepEqual(
      response.inertiaProps.members.map((m: { email: string }) => m.email),
      [user.email]
    )
    assert.deepEqual(
      response.inertiaProps.plugins.map((p: { id: string }) => p.id),
      ['education', 'welfare', 'health', 'loyalty']
    )
  })

  test('an unknown tenant id is 404', async ({ client }) => {
    const operator = await makeOperator()
    for (const url of ['/operator/tenants/999999', '/operator/tenants/999999/edit']) {
      const response = await client.get(url).loginAs(operator)
      response.assertStatus(404)
    }
    const update = await client
      .put('/operator/tenants/999999')
      .json({})
      .loginAs(operator)
      .withCsrfToken()
    update.assertStatus(404)
  })

  test('an operator changes a tenant, audited with the changes', async ({ client, assert }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant({ name: 'Vecais nosaukums' })
    const edit = await client
      .get(`/operator/tenants/${tenant.id}/edit`)
      .loginAs(operator)
      .withInertia()
    edit.assertInertiaComponent('operator/tenant_edit')

    const response = await client
      .put(`/operator/tenants/${tenant.id}`)
      .form({
        kind: tenant.kind,
        name: 'Jaunais nosaukums',
        registrationNumber: tenant.registrationNumber,
        contactEmail: tenant.contactEmail,
      })
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    await tenant.refresh()
    assert.equal(tenant.name, 'Jaunais nosaukums')
    const audit = await AuditLog.query()
      .where('action', 'tenancy.tenant.updated')
      .where('tenant_id', tenant.id)
      .firstOrFail()
    assert.deepEqual(audit.metadata, {
      changes: { name: { from: 'Vecais nosaukums', to: 'Jaunais nosaukums' } },
    })
  })

  test("changing a tenant to another tenant's registration number is refused", async ({
    client,
  }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const other = await makeTenant()
    const response = await client
      .put(`/operator/tenants/${tenant.id}`)
      .json({
        kind: tenant.kind,
        name: tenant.name,
        registrationNumber: other.registrationNumber,
        contactEmail: tenant.contactEmail,
      })
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('suspending a tenant locks its staff out until it is reactivated', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'tenant_admin')

    const before = await client.get('/staff').loginAs(user)
    before.assertStatus(200)

    const suspend = await client
      .post(`/operator/tenants/${tenant.id}/suspend`)
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    suspend.assertStatus(302)
    await tenant.refresh()
    assert.equal(tenant.status, 'suspended')

    const locked = await client.get('/staff').loginAs(user)
    locked.assertStatus(403)

    const again = await client
      .post(`/operator/tenants/${tenant.id}/suspend`)
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    again.assertStatus(422)

    const reactivate = await client
      .post(`/operator/tenants/${tenant.id}/reactivate`)
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    reactivate.assertStatus(302)
    const after = await client.get('/staff').loginAs(user)
    after.assertStatus(200)

    const rows = await AuditLog.query().where('tenant_id', tenant.id).orderBy('id')
    const actions = rows.map((row) => row.action)
    assert.deepEqual(actions, ['tenancy.tenant.suspended', 'tenancy.tenant.reactivated'])
  })

  test('reactivating an active tenant is refused', async ({ client }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    const response = await client
      .post(`/operator/tenants/${tenant.id}/reactivate`)
      .headers(JSON_HEADERS)
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(422)
  })

  test('suspending an unknown tenant is 404', async ({ client }) => {
    const operator = await makeOperator()
    const response = await client
      .post('/operator/tenants/999999/suspend')
      .loginAs(operator)
      .withCsrfToken()
    response.assertStatus(404)
  })
})
