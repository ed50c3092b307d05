import type { HttpContext } from '@adonisjs/core/http'
import { manageBenefits, respondToContracts, viewContracts } from '#catalogue/abilities'
import { actorFrom } from '#catalogue/actor'
import { reportingCatalogueErrors } from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { proposeContractValidator, respondContractValidator } from '#catalogue/validators/contract'
import ProposeContract from '#catalogue/actions/propose_contract'
import RespondToContract from '#catalogue/actions/respond_to_contract'
import { listContracts, listProviders } from '#catalogue/queries/list_contracts'
import { listBenefits } from '#catalogue/queries/list_benefits'
import Service from '#catalogue/models/service'
import ContractTransformer from '#catalogue/transformers/contract_transformer'

export default class ContractsController {
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewContracts, context)
    const { asGrantor, asProvider } = await listContracts(context.tenantId)
    const canPropose = await ctx.bouncer.allows(manageBenefits, context)
    const lang = ctx.i18n.locale === 'en' ? 'en' : 'lv'
    const providers = canPropose ? await listProviders(context.tenantId) : []
    const services = providers.length
      ? await Service.query()
          .whereIn(
            'tenant_id',
            providers.map((p) => p.id)
          )
          .orderBy('code')
      : []
    const benefits = canPropose ? await listBenefits(context.tenantId) : []
    return ctx.inertia.render('catalogue/contracts_index', {
      asGrantor: ContractTransformer.transform(asGrantor),
      asProvider: ContractTransformer.transform(asProvider),
      canPropose,
      canRespond: await ctx.bouncer.allows(respondToContracts, context),
      providers: providers.map((p) => ({
        id: p.id,
        name: p.name,
        services: services
          .filter((s) => s.tenantId === p.id)
          .map((s) => ({ id: s.id, code: s.code, name: lang === 'en' ? s.nameEn : s.nameLv })),
      })),
      benefits: benefits.map((b) => {
        const latest = b.versions[b.versions.length - 1]
        return {
          id: b.id,
          code: b.code,
          name: (lang === 'en' ? latest?.nameEn : latest?.nameLv) ?? b.code,
        }
      }),
    })
  }

  async store(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const data = await ctx.request.validateUsing(
      proposeContractValidator,
      catalogueValidation(ctx, { tenantId: context.tenantId })
    )
    await reportingCatalogueErrors(ctx, () =>
      new ProposeContract().handle({ tenantId: context.tenantId, ...data, actor: actorFrom(ctx) })
    )
    ctx.session.flash('success', 'catalogue.flash.contract_proposed')
    return ctx.response.redirect().toPath('/staff/catalogue/contracts')
  }

  accept(ctx: HttpContext) {
    return this.#respond(ctx, 'accepted')
  }

  reject(ctx: HttpContext) {
    return this.#respond(ctx, 'rejected')
  }

  async #respond(ctx: HttpContext, answer: 'accepted' | 'rejected') {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(respondToContracts, context)
    const { note } = await ctx.request.validateUsing(
      respondContractValidator,
      catalogueValidation(ctx)
    )
    await reportingCatalogueErrors(ctx, () =>
      new RespondToContract().handle({
        providerTenantId: context.tenantId,
        contractId: Number(ctx.params.id),
        answer,
        note,
        actor: actorFrom(ctx),
      })
    )
    ctx.session.flash('success', `catalogue.flash.contract_${answer}`)
    return ctx.response.redirect().toPath('/staff/catalogue/contracts')
  }
}
