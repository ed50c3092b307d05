import { test } from '@japa/runner'
import vine from '@vinejs/vine'
import testUtils from '@adonisjs/core/services/test_utils'
import { existsForUser, existsInTenant, uniqueInTenant } from '#tenancy/validators/rules'
import { makeMember, makeTenant } from '#tests/support/tenancy_fixtures'

const memberValidator = vine.withMetaData<{ tenantId: number }>().create({
  userId: vine.number().use(existsInTenant('memberships', 'user_id')),
})
const roleValidator = vine.withMetaData<{ tenantId: number }>().create({
  userId: vine.number().use(uniqueInTenant('memberships', 'user_id')),
})

test.group('Tenant-scoped validation rules', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('existsInTenant accepts a record of the tenant in the metadata', async ({ assert }) => {
    const tenant = await makeTenant()
    const { user } = await makeMember(tenant, 'analyst')
    const data = await memberValidator.validate(
      { userId: user.id },
      { meta: { tenantId: tenant.id } }
    )
    assert.equal(data.userId, user.id)
  })

  test('existsInTenant refuses a forged id from another tenant', async ({ assert }) => {
    const ours = await makeTenant()
    const theirs = await makeTenant()
    const { user } = await makeMember(theirs, 'analyst')
    await assert.rejects(
      () => memberValidator.validate({ userId: user.id }, { meta: { tenantId: ours.id } }),
      /Validation failure/
    )
  })

  test('uniqueInTenant only looks inside the tenant in the metadata', async ({ assert }) => {
    const ours = await makeTenant()
    const theirs = await makeTenant()
    const { user } = await makeMember(theirs, 'analyst')
    const data = await roleValidator.validate({ userId: user.id }, { meta: { tenantId: ours.id } })
    assert.equal(data.userId, user.id)

    try {
      await roleValidator.validate({ userId: user.id }, { meta: { tenantId: theirs.id } })
      assert.fail('expected a validation error')
    } catch (error) {
      assert.equal(error.messages[0].rule, 'uniqueInTenant')
    }
  })

  test('existsForUser scopes by the user in the metadata', async ({ assert }) => {
    const tenant = await makeTenant()
    const other = await makeTenant()
    const { user } = await makeMember(tenant, 'auditor')
    const validator = vine.withMetaData<{ userId: number }>().create({
      tenantId: vine.number().use(existsForUser('memberships', 'tenant_id')),
    })
    await validator.validate({ tenantId: tenant.id }, { meta: { userId: user.id } })
    await assert.rejects(() =>
      validator.validate({ tenantId: other.id }, { meta: { userId: user.id } })
    )
  })

  test('a scoped rule without its metadata is a programming error', async ({ assert }) => {
    await assert.rejects(
      () => memberValidator.validate({ userId: 1 }, { meta: {} as { tenantId: number } }),
      /metadata "tenantId" is required/
    )
  })
})
