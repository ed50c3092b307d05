import type { HttpContext } from '@adonisjs/core/http'
import { registries } from '#platform/plugins/registry'
import { usePluginPermission } from '#platform/plugins/permissions'
import AttributeTransformer from '#platform/plugins/transformers/attribute_transformer'

/** The register attributes a plugin declares, on the page core mounts at `/<id>`. */
export default class PluginAttributesController {
  async show(ctx: HttpContext, page: { pluginId: string; permission: string }) {
    await ctx.bouncer.authorize(usePluginPermission, ctx.tenantContext!, page.permission)
    return ctx.inertia.render('staff/plugin_attributes', {
      pluginId: page.pluginId,
      attributes: AttributeTransformer.transform(registries.attributes.ownedBy(page.pluginId)),
    })
  }
}
