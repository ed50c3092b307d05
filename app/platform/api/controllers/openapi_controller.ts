import type { HttpContext } from '@adonisjs/core/http'
import { openApi } from '#platform/api/openapi/registry'
import { DOCS_CSP, renderApiDocs } from '#platform/api/openapi/render_docs'
import { apiI18n } from '#platform/api/render_api_error'

export default class OpenApiController {
  /** GET /api/v1/openapi.json */
  async document({ response }: HttpContext) {
    return response.json(openApi.document())
  }

  /** GET /api/docs: the same document as a readable page. */
  async docs(ctx: HttpContext) {
    const i18n = ctx.request.plainCookie('locale') ? ctx.i18n : apiI18n(ctx)
    ctx.response.header('Content-Type', 'text/html; charset=utf-8')
    ctx.response.header('Content-Security-Policy', DOCS_CSP)
    return renderApiDocs(openApi.document(), i18n)
  }
}
