import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#tenancy/models/tenant'
import { ApiError } from '#platform/api/api_error'
import { offlineListQueryValidator } from '#decisions/offline_lists/offline_list_validator'
import { currentSequence, readOfflineList } from '#decisions/offline_lists/read_offline_list'
import { signOfflineList } from '#decisions/offline_lists/sign_offline_list'
import { publishedListKeys } from '#decisions/offline_lists/list_signing_keys'
import { listHashKey } from '#decisions/offline_lists/list_hash_key'

/**
 * Providers' systems (docs/contracts.md, "Offline lists"): the client's provider's signed list,
 * the key its validators hash card values with, and the public keys lists are signed with.
 */
export default class OfflineListController {
  async show(ctx: HttpContext) {
    const providerId = ctx.apiClient!.tenantId!
    const { since } = await ctx.request.validateUsing(offlineListQueryValidator, {
      data: ctx.request.qs(),
    })
    if (since !== undefined && since > (await currentSequence(providerId))) {
      throw new ApiError(422, 'validation_failed', 'api.errors.since_ahead', {}, {})
    }
    const provider = await Tenant.findOrFail(providerId)
    const contents = await readOfflineList(providerId, since ?? null)
    return ctx.response.json({ data: signOfflineList(provider, contents) })
  }

  async hashKey(ctx: HttpContext) {
    return ctx.response.header('Cache-Control', 'no-store').json({ data: listHashKey() })
  }

  async keys(ctx: HttpContext) {
    return ctx.response.json({ data: publishedListKeys() })
  }
}
