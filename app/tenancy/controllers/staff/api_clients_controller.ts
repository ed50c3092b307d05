import type { HttpContext } from '@adonisjs/core/http'
import CreateApiClient, {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
} from '#platform/api/actions/create_api_client'
import { rotateFromForm } from '#platform/api/controllers/rotate_from_form'
import RevokeApiClient from '#platform/api/actions/revoke_api_client'
import { listApiClients } from '#platform/api/queries/list_api_clients'
import { apiClientValidator } from '#platform/api/validators/api_client'
import { apiValidation } from '#platform/api/validators/messages_provider'
import ApiClientTransformer from '#platform/api/transformers/api_client_transformer'
import { manageApiClients } from '#tenancy/abilities'
import { type ApiClientOwner, scopesOf } from '#platform/api/owner'
import type { ApiScope } from '#platform/api/scopes'
import type ApiClient from '#platform/api/models/api_client'

/** A tenant administrator's API clients at /staff/api-clients. */
export default class StaffApiClientsController {
  #owner(ctx: HttpContext): ApiClientOwner {
    return { type: 'tenant', tenant: ctx.tenantContext!.tenant }
  }

  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageApiClients, ctx.tenantContext!)
    const owner = this.#owner(ctx)
    return ctx.inertia.render('staff/api_clients_index', {
      clients: ApiClientTransformer.transform(await listApiClients(owner)),
      allowedScopes: scopesOf(owner),
      defaultRateLimit: DEFAULT_RATE_LIMIT_PER_MINUTE,
    })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageApiClients, ctx.tenantContext!)
    const owner = this.#owner(ctx)
    const data = await ctx.request.validateUsing(
      apiClientValidator,
      apiValidation(ctx, { allowedScopes: scopesOf(owner) as string[] })
    )
    const { client, secret } = await new CreateApiClient().handle({
      owner,
      name: data.name,
      scopes: data.scopes as ApiScope[],
      rateLimitPerMinute: data.rateLimitPerMinute,
      ctx,
    })
    return this.#showSecret(ctx, client, secret, 'created')
  }

  async rotate(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageApiClients, ctx.tenantContext!)
    const { client, secret } = await rotateFromForm(ctx, this.#owner(ctx), Number(ctx.params.id))
    return this.#showSecret(ctx, client, secret, 'rotated')
  }

  async revoke(ctx: HttpContext) {
    await ctx.bouncer.authorize(manageApiClients, ctx.tenantContext!)
    await new RevokeApiClient().handle({ owner: this.#owner(ctx), id: Number(ctx.params.id), ctx })
    ctx.session.flash('success', 'api.clients.flash.revoked')
    return ctx.response.redirect().toRoute('staff.api_clients.index')
  }

  /**
   * The secret is shown in the answer to the POST itself, so it is never kept
   * in the session, a redirect URL or a cache.
   */
  #showSecret(ctx: HttpContext, client: ApiClient, secret: string, event: 'created' | 'rotated') {
    ctx.response.header('Cache-Control', 'no-store')
    return ctx.inertia.render('staff/api_client_secret', {
      client: ApiClientTransformer.transform(client),
      secret,
      event,
      tokenUrl: '/api/v1/oauth/token',
    })
  }
}
