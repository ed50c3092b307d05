import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import { verifyAuditChain } from '#platform/audit/verify_audit_chain'
import { startFromAnEmptyChain, actAsTheOwner } from '#tests/functional/platform/audit_support'
import { makeMember, makeOperator, makeTenant } from '#tests/support/tenancy_fixtures'

const JSON_HEADERS = { Accept: 'application/json' }

test.group('Operator portal: audit log', (group) => {
  actAsTheOwner(group)
  group.each.setup(() => startFromAnEmptyChain())

  test('an operator lists audit rows filtered by tenant and action', async ({ client, assert }) => {
    const operator = await makeOperator()
    const first = await makeTenant()
    const second = await makeTenant()
    await recordAudit({ action: 'tenancy.tenant.created', tenantId: first.id })
    await recordAudit({ action: 'tenancy.tenant.suspended', tenantId: first.id })
    await recordAudit({ action: 'tenancy.tenant.created', tenantId: second.id })

    const all = await client.get('/operator/audit').loginAs(operator).withInertia()
    all.assertStatus(200)
    all.assertInertiaComponent('operator/audit_index')
    assert.isAtLeast(all.inertiaProps.pagination.total, 3)

    const filtered = await client
      .get('/operator/audit')
      .qs({ tenantId: first.id, action: 'tenancy.tenant.sus' })
      .loginAs(operator)
      .withInertia()
    assert.deepEqual(
      filtered.inertiaProps.entries.map((e: { action: string; tenantId: number }) => [
        e.action,
        e.tenantId,
      ]),
      [['tenancy.tenant.suspended', first.id]]
    )
  })

  test('the audit log is paginated 25 rows at a time', async ({ client, assert }) => {
    const operator = await makeOperator()
    const tenant = await makeTenant()
    for (let i = 0; i < 30; i++) {
      await recordAudit({ action: 'tenancy.test.row', tenantId: tenant.id, metadata: { i } })
    }
    const pageTwo = await client
      .get('/operator/audit')
      .qs({ tenantId: tenant.id, page: 2 })
      .loginAs(operator)
      .withInertia()
    assert.lengthOf(pageTwo.inertiaProps.entries, 5)
    assert.deepEqual(pageTwo.inertiaProps.pagination, { page: 2, lastPage: 2, total: 30 })
  })

  test('an unknown tenant in the filter is refused', async ({ client }) => {
    const operator = await makeOperator()
    const response = await client
      .get('/operator/audit')
      .qs({ tenantId: 999999 })
      .headers(JSON_HEADERS)
      .loginAs(operator)
    response.assertStatus(422)
  })

  test('verifying an intact chain reports the number of rows checked', async ({
    client,
    assert,
  }) => {
    const operator = await makeOperator()
    await recordAudit({ action: 'tenancy.test.one' })
    await recordAudit({ action: 'tenancy.test.two' })

    const verify = await client
      .post('/operator/audit/verify')
      .loginAs(operator)
      .withCsrfToken()
      .redirects(0)
    verify.assertStatus(302)
    verify.assertHeader('location', '/operator/audit')
    const flashed = verify.flashMessages().auditVerification as { ok: boolean; checked: number }
    assert.isTrue(flashed.ok)
    assert.isAtLeast(flashed.checked, 2)

    const page = await client
      .get('/operator/audit')
      .withSession({ __flash__: { auditVerification: flashed } })
      .loginAs(operator)
      .withInertia()
    assert.isTrue(page.inertiaProps.verification.ok)
  })

  test('verification finds a row changed behind the log’s back', async ({ assert }) => {
    await recordAudit({ action: 'tenancy.test.one' })
    const row = await recordAudit({ action: 'tenancy.test.two' })
    await recordAudit({ action: 'tenancy.test.three' })
    // Tamper as a superuser would: lift the append-only trigger for one statement.
    await db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update')
    await db.rawQuery(`UPDATE audit_logs SET action = 'tampered' WHERE id = ?`, [row.id])
    await db.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update')

    const result = await verifyAuditChain()
    assert.isFalse(result.ok)
    assert.equal(result.brokenId, Number(row.id))
    assert.equal(result.reason, 'mac_mismatch')
  })

  test('staff cannot run the verification', async ({ client }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const response = await client.post('/operator/audit/verify').loginAs(user).withCsrfToken()
    response.assertStatus(404)
  })
})
