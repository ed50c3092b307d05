import type { HttpContext } from '@adonisjs/core/http'

/** GET /api/v1/me: who the token belongs to (proves the token chain works). */
export default class MeController {
  async show({ apiClient, response }: HttpContext) {
    const client = apiClient!
    return response.json({
      data: {
        client_id: client.clientId,
        name: client.name,
        owner: { type: client.ownerType, id: client.ownerId },
        tenant_id: client.tenantId,
        scopes: client.scopes,
      },
    })
  }
}
