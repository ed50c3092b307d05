import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import {
  CatalogueValidationError,
  CatalogueWorkflowError,
  toValidationError,
} from '#catalogue/errors'
import { catalogueValidation } from '#catalogue/validators/messages_provider'
import { createBenefitValidator, updateBenefitValidator } from '#catalogue/validators/benefit'
import CreateBenefit from '#catalogue/actions/create_benefit'
import UpdateBenefitDraft from '#catalogue/actions/update_benefit_draft'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import PublishBenefitVersion from '#catalogue/actions/publish_benefit_version'
import { listBenefits } from '#catalogue/queries/list_benefits'
import { getBenefit } from '#catalogue/queries/get_benefit'
import BenefitTransformer from '#catalogue/transformers/benefit_transformer'
import BenefitVersionTransformer from '#catalogue/transformers/benefit_version_transformer'
import type Benefit from '#catalogue/models/benefit'
import { apiActor, apiTenant, fromApi, toApi } from '#catalogue/controllers/api/api_context'

/**
 * The catalogue for grantors' own systems (contracts.md): list, read,
 * create and update drafts, submit, publish. Same validators and actions
 * as the staff form; snake_case JSON; errors `{ errors: [{ code, message, field }] }`.
 */
export default class ApiBenefitsController {
  async index(ctx: HttpContext) {
    const tenant = apiTenant(ctx)
    const benefits = await listBenefits(tenant.id)
    return { benefits: toApi(benefits.map((b) => new BenefitTransformer(b).toObject())) }
  }

  async show(ctx: HttpContext) {
    const tenant = apiTenant(ctx)
    const benefit = await getBenefit(tenant.id, String(ctx.params.code))
    return this.#present(benefit)
  }

  async store(ctx: HttpContext) {
    const tenant = apiTenant(ctx)
    return this.#answer(ctx, async () => {
      const { code, ...data } = await createBenefitValidator.validate(fromApi(ctx.request.body()), {
        ...catalogueValidation(ctx, { tenantId: tenant.id }),
      })
      await new CreateBenefit().handle({ tenant, code, data, actor: apiActor(ctx) })
      ctx.response.status(201)
      return this.#present(await getBenefit(tenant.id, code))
    })
  }

  async update(ctx: HttpContext) {
    const tenant = apiTenant(ctx)
    const benefit = await getBenefit(tenant.id, String(ctx.params.code))
    return this.#answer(ctx, async () => {
      const draft = benefit.versions.find((v) => v.status === 'draft')
      if (!draft) throw new CatalogueWorkflowError('not_draft')
      const data = await updateBenefitValidator.validate(fromApi(ctx.request.body()), {
        ...catalogueValidation(ctx, { tenantId: tenant.id }),
      })
      await new UpdateBenefitDraft().handle({
        tenant,
        versionId: draft.id,
        data,
        actor: apiActor(ctx),
      })
      return this.#present(await getBenefit(tenant.id, benefit.code))
    })
  }

  async submit(ctx: HttpContext) {
    return this.#step(ctx, 'draft', SubmitBenefitVersion)
  }

  async publish(ctx: HttpContext) {
    return this.#step(ctx, 'in_review', PublishBenefitVersion)
  }

  async #step(
    ctx: HttpContext,
    status: 'draft' | 'in_review',
    Action: typeof SubmitBenefitVersion | typeof PublishBenefitVersion
  ) {
    const tenant = apiTenant(ctx)
    const benefit = await getBenefit(tenant.id, String(ctx.params.code))
    return this.#answer(ctx, async () => {
      const version = benefit.versions.find((v) => v.status === status)
      if (!version)
        throw new CatalogueWorkflowError(status === 'draft' ? 'not_draft' : 'not_in_review')
      await new Action().handle({
        tenantId: tenant.id,
        versionId: version.id,
        actor: apiActor(ctx),
      })
      return this.#present(await getBenefit(tenant.id, benefit.code))
    })
  }

  #present(benefit: Benefit) {
    return toApi({
      benefit: new BenefitTransformer(benefit).toObject(),
      versions: benefit.versions.map((v) => new BenefitVersionTransformer(v).toObject()),
    })
  }

  async #answer(ctx: HttpContext, work: () => Promise<unknown>) {
    try {
      return await work()
    } catch (error) {
      const validation =
        error instanceof CatalogueValidationError || error instanceof CatalogueWorkflowError
          ? toValidationError(ctx, error)
          : error
      if (validation instanceof vineErrors.E_VALIDATION_ERROR) {
        const messages = validation.messages as { field: string; rule: string; message: string }[]
        return ctx.response.status(422).json({
          errors: messages.map((m) => ({
            code: m.rule,
            message: m.message,
            field: m.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
          })),
        })
      }
      throw error
    }
  }
}
