import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { withCrossTenantAccess } from '#platform/database/cross_tenant_access'

/**
 * The operator portal: platform operators only, and only after a TOTP
 * check in this session (two-factor is mandatory for them).
 */
export default class OperatorMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.getUserOrFail()
    if (!user.isPlatformOperator) {
      return ctx.response.notFound()
    }
    if (!user.hasTwoFactor) {
      return ctx.response.redirect().toRoute('auth.two_factor.setup')
    }
    // Operator work spans tenants: each request past this point is audited as such.
    return withCrossTenantAccess(
      { reason: 'operator portal', ctx, metadata: { route: ctx.route?.name ?? null } },
      next
    )
  }
}
