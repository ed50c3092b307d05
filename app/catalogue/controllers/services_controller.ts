import type { HttpContext } from '@adonisjs/core/http'
import { manageServices, viewServices } from '#catalogue/abilities'
import { actorFrom } from '#catalogue/actor'
import { reportingCatalogueErrors } from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { createServiceValidator } from '#catalogue/validators/service'
import CreateService from '#catalogue/actions/create_service'
import { listServices } from '#catalogue/queries/list_services'
import { availableSectors } from '#catalogue/sectors'
import ServiceTransformer from '#catalogue/transformers/service_transformer'

export default class ServicesController {
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewServices, context)
    return ctx.inertia.render('catalogue/services_index', {
      services: ServiceTransformer.transform(await listServices(context.tenantId)),
      sectors: availableSectors(),
      canManage: await ctx.bouncer.allows(manageServices, context),
    })
  }

  async store(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageServices, context)
    const data = await ctx.request.validateUsing(
      createServiceValidator,
      catalogueValidation(ctx, { tenantId: context.tenantId })
    )
    await reportingCatalogueErrors(ctx, () =>
      new CreateService().handle({ tenantId: context.tenantId, ...data, actor: actorFrom(ctx) })
    )
    ctx.session.flash('success', 'catalogue.flash.service_created')
    return ctx.response.redirect().toPath('/staff/catalogue/services')
  }
}
