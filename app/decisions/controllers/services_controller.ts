import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#platform/api/api_error'
import { providerServices } from '#decisions/queries/provider_services'

/** GET /api/v1/services: the client's provider's own services. */
export default class ServicesController {
  async index(ctx: HttpContext) {
    const client = ctx.apiClient!
    if (client.tenantId === null) throw ApiError.forbidden()
    const rows = await providerServices(client.tenantId)
    return ctx.response.json({
      data: rows.map((row) => ({
        code: row.code,
        name_lv: row.name_lv,
        name_en: row.name_en,
        sector: row.sector,
        base_price_cents: row.base_price_cents,
      })),
    })
  }
}
