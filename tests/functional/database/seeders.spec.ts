import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import ace from '@adonisjs/core/services/ace'
import encryption from '@adonisjs/core/services/encryption'
import { authenticator } from 'otplib'
import testUtils from '@adonisjs/core/services/test_utils'
import ReferenceTenantsSeeder from '#database/seeders/0200_reference_tenants_seeder'
import DemoUsersSeeder from '#database/seeders/0201_demo_users_seeder'
import {
  DEMO_OPERATOR_EMAIL,
  DEMO_OPERATOR_TOTP_SECRET,
  DEMO_PASSWORD,
  DEMO_TENANTS,
  DEMO_USERS,
} from '#database/data/tenants'
import User from '#tenancy/models/user'
import { ROLES } from '#platform/access/roles'

async function seed() {
  await new ReferenceTenantsSeeder(db.connection()).run()
  await new DemoUsersSeeder(db.connection()).run()
}

async function snapshot() {
  const result: Record<string, unknown> = {}
  for (const table of ['tenants', 'users', 'memberships', 'tenant_plugins']) {
    const rows = await db.from(table).orderBy('id')
    result[table] = rows
  }
  return result
}

test.group('Demo seeders', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.timeout(60000)

  test('seeding twice changes nothing', async ({ assert }) => {
    await seed()
    const first = await snapshot()
    await seed()
    const second = await snapshot()
    assert.lengthOf(first.tenants as unknown[], DEMO_TENANTS.length)
    assert.lengthOf(first.users as unknown[], DEMO_USERS.length)
    assert.deepEqual(second, first)
  })

  test('every role is seeded, and one user belongs to two tenants', async ({ assert }) => {
    await seed()
    const roles = await db.from('memberships').distinct('role')
    assert.sameMembers(
      roles.map((row) => row.role),
      [...ROLES]
    )
    const multi = await db
      .from('memberships')
      .select('user_id')
      .groupBy('user_id')
      .havingRaw('count(*) > 1')
    assert.isAtLeast(multi.length, 1)
  })

  test('grantor tenants have all four plugins enabled', async ({ assert }) => {
    await seed()
    for (const data of DEMO_TENANTS.filter((t) =>
      ['state_grantor', 'municipality'].includes(t.kind)
    )) {
      const rows = await db
        .from('tenant_plugins')
        .join('tenants', 'tenants.id', 'tenant_plugins.tenant_id')
        .where('tenants.registration_number', data.registrationNumber)
        .select('plugin_id')
      const plugins = rows.map((row) => row.plugin_id)
      assert.sameMembers(plugins, ['education', 'welfare', 'health', 'loyalty'], data.name)
    }
  })

  test('demo users log in with the documented password; the operator has TOTP on', async ({
    assert,
  }) => {
    await seed()
    const user = await User.verifyCredentials('atd.admin@demo.atvieglo.lv', DEMO_PASSWORD)
    assert.isTrue(await hash.verify(user.password!, DEMO_PASSWORD))
    const operator = await User.findByOrFail('email', DEMO_OPERATOR_EMAIL)
    assert.isTrue(operator.isPlatformOperator)
    assert.isNotNull(operator.totpEnabledAt)
    assert.equal(encryption.decrypt(operator.totpSecret!), DEMO_OPERATOR_TOTP_SECRET)
  })

  test("demo:totp prints the operator's current code without the database", async ({ assert }) => {
    ace.ui.switchMode('raw')
    const command = await ace.exec('demo:totp', [])
    assert.equal(command.exitCode, 0)
    const output = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    const code = authenticator.generate(DEMO_OPERATOR_TOTP_SECRET)
    const previous = authenticator
      .clone({ epoch: Date.now() - 30_000 })
      .generate(DEMO_OPERATOR_TOTP_SECRET)
    assert.isTrue(output.includes(code) || output.includes(previous), output)
  })
})
