import type { HttpContext } from '@adonisjs/core/http'
import ToggleTenantPlugin from '#tenancy/actions/toggle_tenant_plugin'
import { PluginStateError } from '#platform/plugins/errors'
import { getTenant } from '#tenancy/queries/get_tenant'
import { pluginToggleValidator } from '#tenancy/validators/tenant'
import { tenancyValidation } from '#tenancy/validators/messages_provider'

export default class TenantPluginsController {
  /** Enables or disables one sector plugin for the tenant. */
  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    const { pluginId, enabled } = await ctx.request.validateUsing(
      pluginToggleValidator,
      tenancyValidation(ctx)
    )
    try {
      await new ToggleTenantPlugin().handle({ tenant, pluginId, enabled, ctx })
    } catch (error) {
      if (!(error instanceof PluginStateError)) throw error
      ctx.session.flash('error', `plugins.errors.${error.reason}`)
      return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
    }
    ctx.session.flash(
      'success',
      enabled ? 'tenancy.flash.plugin_enabled' : 'tenancy.flash.plugin_disabled'
    )
    return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
  }
}
