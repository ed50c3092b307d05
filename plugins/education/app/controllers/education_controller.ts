import type { HttpContext } from '@adonisjs/core/http'
import { registries } from '#platform/plugins/registry'
import { usePluginPermission } from '#platform/plugins/permissions'
import AttributeTransformer from '#platform/plugins/transformers/attribute_transformer'

export default class EducationController {
  async index({ bouncer, inertia, tenantContext }: HttpContext) {
    await bouncer.authorize(usePluginPermission, tenantContext!, 'education.attributes.view')
    return inertia.render('plugins/education/index', {
      attributes: AttributeTransformer.transform(registries.attributes.ownedBy('education')),
    })
  }
}
