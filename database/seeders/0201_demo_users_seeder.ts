import { DateTime } from 'luxon'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import encryption from '@adonisjs/core/services/encryption'
import Tenant from '#tenancy/models/tenant'
import User from '#tenancy/models/user'
import Membership from '#tenancy/models/membership'
import {
  DEMO_OPERATOR_TOTP_SECRET,
  DEMO_PASSWORD,
  DEMO_TENANTS,
  DEMO_USERS,
} from '#database/data/tenants'

/**
 * Demo staff for every role, one user in two tenants and a platform
 * operator with TOTP already enabled. Never runs in production (one shared,
 * published password). Idempotent: existing users keep their password.
 */
export default class DemoUsersSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const tenantIds = new Map<string, number>()
    for (const data of DEMO_TENANTS) {
      const tenant = await Tenant.findByOrFail('registrationNumber', data.registrationNumber, {
        client: this.client,
      })
      tenantIds.set(data.key, tenant.id)
    }

    for (const data of DEMO_USERS) {
      // The model hashes the password on save (withAuthFinder's beforeSave hook).
      const user = await User.firstOrCreate(
        { email: data.email },
        { fullName: data.fullName, password: DEMO_PASSWORD, locale: data.locale },
        { client: this.client }
      )
      user.merge({ fullName: data.fullName, isPlatformOperator: data.isPlatformOperator ?? false })
      const storedSecret = user.totpSecret ? encryption.decrypt<string>(user.totpSecret) : null
      if (user.isPlatformOperator && storedSecret !== DEMO_OPERATOR_TOTP_SECRET) {
        // Encrypted values differ per call: write only when missing or unreadable
        // (a new APP_KEY), so re-seeding changes nothing.
        user.totpSecret = encryption.encrypt(DEMO_OPERATOR_TOTP_SECRET)
        user.totpEnabledAt = DateTime.utc()
      }
      await user.save()

      for (const [tenantKey, role] of Object.entries(data.memberships)) {
        await Membership.updateOrCreate(
          { tenantId: tenantIds.get(tenantKey)!, userId: user.id },
          { role },
          { client: this.client }
        )
      }
    }
  }
}
