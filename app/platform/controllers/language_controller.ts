import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALE_COOKIE } from '#middleware/detect_user_locale_middleware'

const languageValidator = vine.create(
  vine.object({ locale: vine.string().in(i18nManager.supportedLocales()) })
)

export default class LanguageController {
  /** Remembers the chosen language for a year and goes back to the page. */
  async update({ request, response }: HttpContext) {
    const { locale } = await request.validateUsing(languageValidator)
    response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true })
    return response.redirect().back()
  }
}
