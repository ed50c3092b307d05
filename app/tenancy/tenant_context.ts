import type Tenant from '#tenancy/models/tenant'
import type Membership from '#tenancy/models/membership'
import type { Role } from '#tenancy/roles'

/**
 * The tenant a staff request acts for, resolved once per request by the
 * tenant middleware and passed explicitly to queries and actions.
 */
export class TenantContext {
  constructor(
    readonly tenant: Tenant,
    readonly membership: Membership
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
