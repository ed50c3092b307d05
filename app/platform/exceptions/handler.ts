import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { isApiRequest, renderApiError } from '#platform/api/render_api_error'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /** Status pages only for browsers in production; JSON clients get JSON errors. */
  protected renderStatusPages = app.inProduction

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': (_, { inertia }) => inertia.render('errors/not_found', {}),
    '500..599': (_, { inertia, request }) =>
      inertia.render('errors/server_error', { requestId: request.id() }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // The machine API (and its docs) always answer `{ errors: [...] }` JSON.
    if (isApiRequest(ctx)) return renderApiError(error, ctx, { debug: this.debug })
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
