import { errors, type HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isPluginEnabledForTenant } from '#platform/plugins/queries/list_enabled_plugins'

/**
 * Lets a plugin's routes through only for a tenant that enabled the plugin.
 * Anyone else gets the same 404 as an unknown URL: a tenant does not learn
 * which plugins exist. Runs after the tenant middleware.
 */
export default class PluginEnabledMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { plugin: string }) {
    const tenantId = ctx.tenantContext?.tenantId
    if (tenantId === undefined || !(await isPluginEnabledForTenant(tenantId, options.plugin))) {
      throw new errors.E_ROUTE_NOT_FOUND([ctx.request.method(), ctx.request.url()])
    }
    return next()
  }
}
