import type { Role, TenantKind, TenantStatus } from '#platform/access/roles'

/** What a request needs of its tenant (the tenancy context's Tenant model is one). */
export interface ContextTenant {
  id: number
  name: string
  kind: TenantKind
  status: TenantStatus
}

/** What a request needs of the member's membership (tenancy's Membership model is one). */
export interface ContextMembership {
  role: Role
}

/** A signed-in staff user, as the ground floor sees one. */
export interface StaffUser {
  id: number
}

/**
 * The tenant a staff request acts for, resolved once per request by the
 * tenant middleware and passed explicitly to queries and actions.
 */
export class TenantContext {
  constructor(
    readonly tenant: ContextTenant,
    readonly membership: ContextMembership
  ) {}

  get tenantId() {
    return this.tenant.id
  }

  get role(): Role {
    return this.membership.role
  }

  hasRole(...roles: Role[]) {
    return roles.includes(this.membership.role)
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    tenantContext?: TenantContext
  }
}
