import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import { apiI18n, isApiRequest } from '#platform/api/render_api_error'

export const LOCALE_COOKIE = 'locale'

/**
 * Latvian by default. The language switch stores the choice in a plain
 * cookie, so it works before login and on pages without a session. The
 * machine API follows Accept-Language instead, validation messages included.
 */
export default class DetectUserLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => {
      return ctx.i18n.createMessagesProvider()
    }
  }

  protected getRequestLocale(ctx: HttpContext) {
    const chosen = ctx.request.plainCookie(LOCALE_COOKIE)
    if (chosen && i18nManager.supportedLocales().includes(chosen)) return chosen
    return i18nManager.defaultLocale
  }

  async handle(ctx: HttpContext, next: NextFn) {
    const api = isApiRequest(ctx)
    ctx.i18n = api ? apiI18n(ctx) : i18nManager.locale(this.getRequestLocale(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    // `ctx.view` builds an Edge renderer (in development it rescans the components on disk);
    // the API renders no views.
    if (!api && 'view' in ctx) {
      ctx.view.share({ i18n: ctx.i18n })
    }
    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
