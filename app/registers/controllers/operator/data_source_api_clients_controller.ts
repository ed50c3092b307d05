import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import CreateApiClient from '#platform/api/actions/create_api_client'
import { rotateFromForm } from '#platform/api/controllers/rotate_from_form'
import RevokeApiClient from '#platform/api/actions/revoke_api_client'
import { apiValidation } from '#platform/api/validators/messages_provider'
import ApiClientTransformer from '#platform/api/transformers/api_client_transformer'
import type { ApiClientOwner } from '#platform/api/owner'
import { DATA_SOURCE_SCOPES } from '#platform/api/scopes'
import type ApiClient from '#platform/api/models/api_client'
import { getDataSource } from '#registers/queries/data_sources'

/** A data source's client: its name and rate limit; the scope is always `registers:write`. */
const dataSourceClientValidator = vine.create({
  name: vine.string().trim().minLength(2).maxLength(100),
  rateLimitPerMinute: vine.number().withoutDecimals().range([1, 100000]).optional(),
})

/**
 * API clients of a data source (owner_type `data_source`), managed by platform operators on
 * the source's page. The secret is shown once, in the answer to the POST itself.
 */
export default class DataSourceApiClientsController {
  async #owner(ctx: HttpContext): Promise<{ owner: ApiClientOwner; sourceId: number }> {
    await ctx.bouncer.authorize('operatePlatform')
    const source = await getDataSource(Number(ctx.params.id))
    return { owner: { type: 'data_source', id: source.id }, sourceId: source.id }
  }

  async store(ctx: HttpContext) {
    const { owner, sourceId } = await this.#owner(ctx)
    const data = await ctx.request.validateUsing(dataSourceClientValidator, apiValidation(ctx, {}))
    const { client, secret } = await new CreateApiClient().handle({
      owner,
      name: data.name,
      scopes: DATA_SOURCE_SCOPES,
      rateLimitPerMinute: data.rateLimitPerMinute,
      ctx,
    })
    return this.#showSecret(ctx, sourceId, client, secret, 'created')
  }

  async rotate(ctx: HttpContext) {
    const { owner, sourceId } = await this.#owner(ctx)
    const { client, secret } = await rotateFromForm(ctx, owner, Number(ctx.params.clientId))
    return this.#showSecret(ctx, sourceId, client, secret, 'rotated')
  }

  async revoke(ctx: HttpContext) {
    const { owner, sourceId } = await this.#owner(ctx)
    await new RevokeApiClient().handle({ owner, id: Number(ctx.params.clientId), ctx })
    ctx.session.flash('success', 'api.clients.flash.revoked')
    return ctx.response.redirect().toRoute('operator.registers.sources.show', { id: sourceId })
  }

  #showSecret(
    ctx: HttpContext,
    sourceId: number,
    client: ApiClient,
    secret: string,
    event: 'created' | 'rotated'
  ) {
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.inertia.render('operator/registers/api_client_secret', {
      client: ApiClientTransformer.transform(client),
      secret,
      event,
      sourceId,
      tokenUrl: '/api/v1/oauth/token',
    })
  }
}
