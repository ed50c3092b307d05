import { DateTime } from 'luxon'
import Tenant from '#tenancy/models/tenant'
import User from '#tenancy/models/user'
import Membership from '#tenancy/models/membership'
import type { Role, TenantKind } from '#platform/access/roles'

const WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]
let sequence = 0

/** A fresh registration number that passes the check-digit rule. */
export function nextRegistrationNumber(): string {
  for (;;) {
    sequence++
    const head = String(4000300000 + sequence * 37 + Math.floor(Math.random() * 30))
    const sum = WEIGHTS.slice(0, 10).reduce((total, w, i) => total + w * Number(head[i]), 0)
    const last = (((3 - sum) % 11) + 11) % 11
    if (last < 10) return `${head}${last}`
  }
}

export async function makeTenant(
  overrides: Partial<{ name: string; kind: TenantKind; status: 'active' | 'suspended' }> = {}
) {
  sequence++
  return Tenant.create({
    kind: overrides.kind ?? 'municipality',
    name: overrides.name ?? `Tenant ${sequence}`,
    registrationNumber: nextRegistrationNumber(),
    contactEmail: `contact${sequence}@example.lv`,
    contactPhone: null,
    status: overrides.status ?? 'active',
  })
}

export async function makeUser(overrides: Partial<{ email: string; fullName: string }> = {}) {
  sequence++
  return User.create({
    email: overrides.email ?? `user${sequence}-${Date.now()}@example.lv`,
    fullName: overrides.fullName ?? `User ${sequence}`,
    password: 'correct horse battery staple',
    locale: 'lv',
    isPlatformOperator: false,
  })
}

/** A platform operator who has set up two-factor authentication. */
export async function makeOperator() {
  const user = await makeUser({ fullName: 'Operator' })
  user.isPlatformOperator = true
  user.totpSecret = 'encrypted-secret'
  user.totpEnabledAt = DateTime.now()
  await user.save()
  return user
}

export async function makeMember(tenant: Tenant, role: Role, user?: User) {
  const member = user ?? (await makeUser())
  const membership = await Membership.create({ tenantId: tenant.id, userId: member.id, role })
  return { user: member, membership }
}
