import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { CatalogueValidationError, CatalogueWorkflowError, fieldMessage } from '#catalogue/errors'
import { namespacedValidation } from '#platform/validation/namespaced_messages_provider'
import {
  createBenefitValidator,
  newVersionValidator,
  updateBenefitValidator,
} from '#catalogue/validators/benefit'
import CreateBenefit from '#catalogue/actions/create_benefit'
import CreateBenefitVersion from '#catalogue/actions/create_benefit_version'
import UpdateBenefitDraft from '#catalogue/actions/update_benefit_draft'
import SubmitBenefitVersion from '#catalogue/actions/submit_benefit_version'
import PublishBenefitVersion from '#catalogue/actions/publish_benefit_version'
import { listBenefits } from '#catalogue/queries/list_benefits'
import { getBenefit } from '#catalogue/queries/get_benefit'
import BenefitTransformer from '#catalogue/transformers/benefit_transformer'
import BenefitVersionTransformer from '#catalogue/transformers/benefit_version_transformer'
import type Benefit from '#catalogue/models/benefit'
import type BenefitVersion from '#catalogue/models/benefit_version'
import { apiI18n } from '#platform/api/render_api_error'
import { apiActor, apiTenant, fromApi, snake, toApi } from '#catalogue/controllers/api/api_context'

/** The version fields a draft update may change (the code never changes). */
const EDITABLE = [
  'effectiveFrom',
  'nameLv',
  'nameEn',
  'descriptionLv',
  'descriptionEn',
  'legalAct',
  'legalPoint',
  'legalUrl',
  'programmeTerms',
  'form',
  'value',
  'serviceCodes',
  'municipalities',
  'weekdays',
  'timeWindows',
  'specificDates',
  'limitPerDay',
  'limitPerMonth',
  'priority',
  'combinationPolicy',
  'budgetCents',
  'budgetPeriod',
  'rule',
  'extra',
  'scenarios',
] as const

const snakePath = (field: string) => field.split('.').map(snake).join('.')

/**
 * The catalogue for grantors' own systems (docs/contracts.md, "Grantors' systems"): list, read,
 * create a benefit (its first draft), update the draft, start a new dated
 * version, submit, publish. Same validators and actions as the staff form;
 * snake_case JSON. Input errors answer 422, a step the benefit's state
 * refuses (four eyes, failing scenarios, no draft) 409, both as
 * `{ errors: [{ code, message, field, … }] }`.
 */
export default class ApiBenefitsController {
  async index(ctx: HttpContext) {
    const tenant = await apiTenant(ctx)
    const benefits = await listBenefits(tenant.id)
    return { data: toApi(benefits.map((b) => new BenefitTransformer(b).toObject())) }
  }

  async show(ctx: HttpContext) {
    const tenant = await apiTenant(ctx)
    return this.#present(await getBenefit(tenant.id, String(ctx.params.code)))
  }

  async store(ctx: HttpContext) {
    const tenant = await apiTenant(ctx)
    return this.#answer(ctx, async () => {
      const { code, ...data } = await createBenefitValidator.validate(
        fromApi(ctx.request.body()),
        this.#validation(ctx, { tenantId: tenant.id })
      )
      await new CreateBenefit().handle({ tenant, code, data, actor: apiActor(ctx) })
      ctx.response.status(201)
      return this.#present(await getBenefit(tenant.id, code))
    })
  }

  /** PATCH: the fields sent replace the draft's, the others keep their value. */
  async update(ctx: HttpContext) {
    const tenant = await apiTenant(ctx)
    const benefit = await getBenefit(tenant.id, String(ctx.params.code))
    return this.#answer(ctx, async () => {
      const draft = benefit.versions.find((v) => v.status === 'draft')
      if (!draft) throw new CatalogueWorkflowError('not_draft')
      const body = fromApi(ctx.request.body())
      const data = await updateBenefitValidator.validate(
        { ...this.#draftInput(benefit, draft), ...body },
        this.#validation(ctx, { tenantId: tenant.id })
      )
      await new UpdateBenefitDraft().handle({
        tenant,
        versionId: draft.id,
        data,
        actor: apiActor(ctx),
      })
      return this.#present(await getBenefit(tenant.id, benefit.code))
    })
  }

  /** A new draft version (a copy of the latest) effective from a later date. */
  async newVersion(ctx: HttpContext) {
    const tenant = await apiTenant(ctx)
    const benefit = await getBenefit(tenant.id, String(ctx.params.code))
    return this.#answer(ctx, async () => {
      const { effectiveFrom } = await newVersionValidator.validate(
        fromApi(ctx.request.body()),
        this.#validation(ctx, {})
      )
      await new CreateBenefitVersion().handle({
        tenantId: tenant.id,
        benefitId: benefit.id,
        effectiveFrom,
        actor: apiActor(ctx),
      })
      ctx.response.status(201)
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
    const tenant = await apiTenant(ctx)
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

  /** The draft as the update validator takes it, so a PATCH may send only what changes. */
  #draftInput(benefit: Benefit, draft: BenefitVersion): Record<string, unknown> {
    const current = new BenefitVersionTransformer(draft).toObject() as Record<string, unknown>
    return {
      sector: benefit.sector,
      visibility: benefit.visibility,
      ...Object.fromEntries(EDITABLE.map((key) => [key, current[key]])),
    }
  }

  #validation<Meta extends Record<string, unknown>>(ctx: HttpContext, meta: Meta) {
    return namespacedValidation('catalogue', apiI18n(ctx), meta)
  }

  #present(benefit: Benefit) {
    return {
      data: toApi({
        benefit: new BenefitTransformer(benefit).toObject(),
        versions: benefit.versions.map((v) => new BenefitVersionTransformer(v).toObject()),
      }),
    }
  }

  async #answer(ctx: HttpContext, work: () => Promise<unknown>) {
    try {
      return await work()
    } catch (error) {
      const i18n = apiI18n(ctx)
      const t = (key: string, values?: any) => i18n.t(key, values)
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        const messages = error.messages as { field: string; rule: string; message: string }[]
        return ctx.response.status(422).json({
          errors: messages.map((m) => ({
            code: 'validation_failed',
            rule: m.rule,
            field: snakePath(m.field),
            message: m.message,
          })),
        })
      }
      if (error instanceof CatalogueValidationError) {
        return ctx.response.status(422).json({
          errors: error.fields.map((f) => ({
            code: 'validation_failed',
            rule: f.key ?? (f.line === undefined ? 'invalid' : 'rule_error'),
            field: snakePath(f.field),
            message: fieldMessage(f, t, i18n.locale),
            ...(f.line === undefined ? {} : { line: f.line, column: f.column ?? 1 }),
          })),
        })
      }
      if (error instanceof CatalogueWorkflowError) {
        return ctx.response.status(409).json({
          errors: [
            {
              code: error.key,
              field: snakePath(error.field),
              message: t(`catalogue.errors.${error.key}`),
            },
          ],
        })
      }
      throw error
    }
  }
}
