import { randomInt } from 'node:crypto'
import Tenant from '#tenancy/models/tenant'
import User from '#tenancy/models/user'
import Membership from '#tenancy/models/membership'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import type { Role } from '#platform/access/roles'

/** A tenant with one staff member and the given plugins enabled. */
export async function createStaffMember(
  options: { plugins?: string[]; role?: Role; tenant?: Tenant } = {}
) {
  const suffix = `${Date.now()}${randomInt(1_000_000)}`
  const tenant =
    options.tenant ??
    (await Tenant.create({
      kind: 'municipality',
      name: `Test municipality ${suffix}`,
      registrationNumber: String(randomInt(10_000_000_000, 99_999_999_999)),
      contactEmail: `office-${suffix}@example.test`,
      status: 'active',
    }))
  const user = await User.create({
    email: `staff-${suffix}@example.test`,
    fullName: 'Test Staff',
    password: null,
    locale: 'lv',
    isPlatformOperator: false,
  })
  const membership = await Membership.create({
    tenantId: tenant.id,
    userId: user.id,
    role: options.role ?? 'tenant_admin',
  })
  for (const pluginId of options.plugins ?? []) {
    await TenantPlugin.create({ tenantId: tenant.id, pluginId, settings: {} })
  }
  return { tenant, user, membership }
}
