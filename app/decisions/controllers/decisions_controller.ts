import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#platform/api/api_error'
import { decisionRequestValidator } from '#decisions/validators/decision'
import Decide from '#decisions/actions/decide'

/** POST /api/v1/decisions: the provider's systems ask which benefit applies (contracts.md). */
export default class DecisionsController {
  async store(ctx: HttpContext) {
    const client = ctx.apiClient!
    if (client.tenantId === null) throw ApiError.forbidden()
    const input = await ctx.request.validateUsing(decisionRequestValidator)
    const at = new Date(input.at)
    if (Number.isNaN(at.getTime())) {
      throw new ApiError(422, 'validation_failed', 'decisions.errors.invalid_at')
    }
    const answer = await new Decide().handle({
      client: { id: client.id, providerTenantId: client.tenantId },
      identifier: input.identifier,
      service: input.service,
      at,
      priceCents: input.price_cents,
      language: ctx.request.language(['lv', 'en']) === 'en' ? 'en' : 'lv',
    })
    // Another provider's service code answers exactly as an unknown one.
    if (!answer) throw new ApiError(422, 'unknown_service', 'decisions.errors.unknown_service')
    return ctx.response.json(answer)
  }
}
