import type { HttpContext } from '@adonisjs/core/http'
import { manageBenefits, viewCatalogue } from '#catalogue/abilities'
import { actorFrom } from '#catalogue/actor'
import { reportingCatalogueErrors } from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { createBenefitValidator, updateBenefitValidator } from '#catalogue/validators/benefit'
import CreateBenefit from '#catalogue/actions/create_benefit'
import UpdateBenefitDraft from '#catalogue/actions/update_benefit_draft'
import { listBenefits } from '#catalogue/queries/list_benefits'
import { getBenefit, getBenefitVersion } from '#catalogue/queries/get_benefit'
import { getFormOptions } from '#catalogue/queries/get_form_options'
import BenefitTransformer from '#catalogue/transformers/benefit_transformer'
import BenefitVersionTransformer from '#catalogue/transformers/benefit_version_transformer'

export default class BenefitsController {
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewCatalogue, context)
    return ctx.inertia.render('catalogue/benefits_index', {
      benefits: BenefitTransformer.transform(await listBenefits(context.tenantId)),
      canManage: await ctx.bouncer.allows(manageBenefits, context),
    })
  }

  async create(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    return ctx.inertia.render('catalogue/benefit_form', {
      benefit: null,
      version: null,
      tenantKind: context.tenant.kind,
      options: await getFormOptions(context.tenantId, ctx.i18n.locale),
    })
  }

  async store(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const { code, ...data } = await ctx.request.validateUsing(
      createBenefitValidator,
      catalogueValidation(ctx, { tenantId: context.tenantId })
    )
    const { benefit } = await reportingCatalogueErrors(ctx, () =>
      new CreateBenefit().handle({ tenant: context.tenant, code, data, actor: actorFrom(ctx) })
    )
    ctx.session.flash('success', 'catalogue.flash.benefit_created')
    return ctx.response.redirect().toPath(`/staff/catalogue/benefits/${benefit.id}`)
  }

  async show(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewCatalogue, context)
    const benefit = await getBenefit(context.tenantId, Number(ctx.params.id))
    return ctx.inertia.render('catalogue/benefit_show', {
      benefit: BenefitTransformer.transform(benefit),
      versions: BenefitVersionTransformer.transform(benefit.versions),
      canManage: await ctx.bouncer.allows(manageBenefits, context),
      currentUserId: ctx.auth.user!.id,
    })
  }

  async edit(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const version = await getBenefitVersion(context.tenantId, Number(ctx.params.id))
    return ctx.inertia.render('catalogue/benefit_form', {
      benefit: {
        id: version.benefit.id,
        code: version.benefit.code,
        sector: version.benefit.sector,
        visibility: version.benefit.visibility,
      },
      version: BenefitVersionTransformer.transform(version),
      tenantKind: context.tenant.kind,
      options: await getFormOptions(context.tenantId, ctx.i18n.locale),
    })
  }

  async update(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const versionId = Number(ctx.params.id)
    await getBenefitVersion(context.tenantId, versionId)
    const data = await ctx.request.validateUsing(
      updateBenefitValidator,
      catalogueValidation(ctx, { tenantId: context.tenantId })
    )
    const { benefit } = await reportingCatalogueErrors(ctx, () =>
      new UpdateBenefitDraft().handle({
        tenant: context.tenant,
        versionId,
        data,
        actor: actorFrom(ctx),
      })
    )
    ctx.session.flash('success', 'catalogue.flash.draft_saved')
    return ctx.response.redirect().toPath(`/staff/catalogue/benefits/${benefit.id}`)
  }
}
