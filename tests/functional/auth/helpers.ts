import { DateTime } from 'luxon'
import { authenticator } from 'otplib'
import encryption from '@adonisjs/core/services/encryption'
import limiter from '@adonisjs/limiter/services/main'
import User from '#tenancy/models/user'
import Tenant from '#tenancy/models/tenant'
import Invitation from '#tenancy/models/invitation'
import AuditLog from '#platform/audit/audit_log'
import { generateToken } from '#tenancy/auth/tokens'
import type { Role } from '#platform/access/roles'

export const PASSWORD = 'correct horse battery staple'

let sequence = 0
const next = () => ++sequence

/** Rate-limit counters live in memory across tests: start each test clean. */
export function clearLimits() {
  return limiter.clear(['memory'])
}

export async function createUser(
  attributes: Partial<Pick<User, 'email' | 'password' | 'isPlatformOperator' | 'locale'>> = {}
) {
  return User.create({
    email: `staff${next()}@example.lv`,
    fullName: 'Anna Bērziņa',
    password: PASSWORD,
    locale: 'lv',
    isPlatformOperator: false,
    totpSecret: null,
    totpEnabledAt: null,
    ...attributes,
  })
}

/** A user with two-factor on; returns the plain secret for generating codes. */
export async function createUserWithTwoFactor(attributes: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(attributes)
  const secret = authenticator.generateSecret()
  user.totpSecret = encryption.encrypt(secret)
  user.totpEnabledAt = DateTime.now()
  await user.save()
  return { user, secret }
}

export async function createTenant(name = 'Ķekavas novada pašvaldība') {
  const n = next()
  return Tenant.create({
    kind: 'municipality',
    name,
    registrationNumber: String(90000000000 + n),
    contactEmail: `dome${n}@example.lv`,
    contactPhone: null,
    status: 'active',
  })
}

export async function createInvitation(
  attributes: { email?: string; role?: Role; expiresAt?: DateTime; acceptedAt?: DateTime } = {}
) {
  const tenant = await createTenant()
  const { token, hash } = generateToken()
  const invitation = await Invitation.create({
    tenantId: tenant.id,
    email: attributes.email ?? `invitee${next()}@example.lv`,
    fullName: 'Jānis Kalniņš',
    role: attributes.role ?? 'benefit_manager',
    tokenHash: hash,
    invitedByUserId: null,
    expiresAt: attributes.expiresAt ?? DateTime.now().plus({ days: 7 }),
    acceptedAt: attributes.acceptedAt ?? null,
  })
  return { tenant, invitation, token }
}

export function auditRows(action: string) {
  return AuditLog.query().where('action', action).orderBy('id')
}

/** The field errors a redirect carries to the next page (what Inertia shows). */
export function fieldErrors(response: { flashMessages(): Record<string, any> }) {
  return (response.flashMessages().inputErrorsBag ?? {}) as Record<string, string[]>
}
