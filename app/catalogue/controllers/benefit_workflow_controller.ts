import type { HttpContext } from '@adonisjs/core/http'
import { manageBenefits } from '#catalogue/abilities'
import { actorFrom } from '#catalogue/actor'
import { reportingCatalogueErrors } from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { newVersionValidator } from '#catalogue/validators/benefit'
import CreateBenefitVersion from '#catalogue/actions/create_benefit_version'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import PublishBenefitVersion from '#catalogue/actions/publish_benefit_version'
import SuspendBenefitVersion from '#catalogue/actions/suspend_benefit_version'
import ArchiveBenefitVersion from '#catalogue/actions/archive_benefit_version'
import ReturnBenefitVersionToDraft from '#catalogue/actions/return_benefit_version_to_draft'
import { getBenefit, getBenefitVersion } from '#catalogue/queries/get_benefit'

const STEPS = {
  submit: [SubmitBenefitVersion, 'catalogue.flash.submitted'],
  publish: [PublishBenefitVersion, 'catalogue.flash.published'],
  suspend: [SuspendBenefitVersion, 'catalogue.flash.suspended'],
  archive: [ArchiveBenefitVersion, 'catalogue.flash.archived'],
  return: [ReturnBenefitVersionToDraft, 'catalogue.flash.returned'],
} as const

/** The publishing workflow of dated versions: new version, submit, return, publish, suspend, archive. */
export default class BenefitWorkflowController {
  async newVersion(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const benefit = await getBenefit(context.tenantId, Number(ctx.params.id))
    const { effectiveFrom } = await ctx.request.validateUsing(
      newVersionValidator,
      catalogueValidation(ctx)
    )
    const { version } = await reportingCatalogueErrors(ctx, () =>
      new CreateBenefitVersion().handle({
        tenantId: context.tenantId,
        benefitId: benefit.id,
        effectiveFrom,
        actor: actorFrom(ctx),
      })
    )
    ctx.session.flash('success', 'catalogue.flash.version_created')
    return ctx.response.redirect().toPath(`/staff/catalogue/versions/${version.id}/edit`)
  }

  submit(ctx: HttpContext) {
    return this.#step(ctx, 'submit')
  }

  publish(ctx: HttpContext) {
    return this.#step(ctx, 'publish')
  }

  suspend(ctx: HttpContext) {
    return this.#step(ctx, 'suspend')
  }

  archive(ctx: HttpContext) {
    return this.#step(ctx, 'archive')
  }

  returnToDraft(ctx: HttpContext) {
    return this.#step(ctx, 'return')
  }

  async #step(ctx: HttpContext, step: keyof typeof STEPS) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(manageBenefits, context)
    const version = await getBenefitVersion(context.tenantId, Number(ctx.params.id))
    const [Action, flash] = STEPS[step]
    await reportingCatalogueErrors(ctx, () =>
      new Action().handle({
        tenantId: context.tenantId,
        versionId: version.id,
        actor: actorFrom(ctx),
      })
    )
    ctx.session.flash('success', flash)
    return ctx.response.redirect().toPath(`/staff/catalogue/benefits/${version.benefitId}`)
  }
}
