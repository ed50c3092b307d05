import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { isApiRequest, renderApiError } from '#platform/api/render_api_error'
import DetectUserLocaleMiddleware from '#middleware/detect_user_locale_middleware'
import InertiaMiddleware from '#tenancy/middleware/inertia_middleware'
import { inputNotFound, isInputDataError } from '#platform/exceptions/input_data_error'
import { applyPageCsp } from '#platform/http/content_security_policy'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /**
   * Browsers get the 404 page everywhere; the 5xx page only in production,
   * where development shows the debug page instead. JSON clients get JSON errors.
   */
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '404': async (_, ctx) => {
      await this.#prepareForPage(ctx)
      return ctx.inertia.render('errors/not_found', {})
    },
    ...(app.inProduction
      ? {
          '500..599': async (_: unknown, ctx: HttpContext) => {
            await this.#prepareForPage(ctx)
            return ctx.inertia.render('errors/server_error', { requestId: ctx.request.id() })
          },
        }
      : {}),
  }

  async handle(error: unknown, ctx: HttpContext) {
    if (isInputDataError(error)) error = inputNotFound()
    // The machine API (and its docs) always answer `{ errors: [...] }` JSON.
    if (isApiRequest(ctx)) return renderApiError(error, ctx, { debug: this.debug })
    // Pages rendered here (404 of an unknown URL, debug page) need the page CSP and its nonce.
    await applyPageCsp(ctx)
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }

  /**
   * An unknown URL matches no route, so no route middleware ran: set up the
   * language and Inertia the page needs, as the web stack would have.
   */
  async #prepareForPage(ctx: HttpContext) {
    if (!ctx.i18n) await new DetectUserLocaleMiddleware().handle(ctx, async () => {})
    if (!ctx.inertia) await new InertiaMiddleware().init(ctx)
  }
}
