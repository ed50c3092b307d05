import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#tenancy/models/user'

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The password reset link, in the user's own language. */
export default class PasswordResetMail extends BaseMail {
  constructor(
    readonly user: User,
    readonly resetUrl: string
  ) {
    super()
  }

  prepare() {
    const locale = i18nManager.supportedLocales().includes(this.user.locale)
      ? this.user.locale
      : i18nManager.defaultLocale
    const i18n = i18nManager.locale(locale)
    const name = this.user.fullName
    const lines = {
      greeting: i18n.t('auth.mail.password_reset.greeting', { name }),
      intro: i18n.t('auth.mail.password_reset.intro'),
      action: i18n.t('auth.mail.password_reset.action'),
      expiry: i18n.t('auth.mail.password_reset.expiry'),
      ignore: i18n.t('auth.mail.password_reset.ignore'),
    }

    this.message
      .to(this.user.email, name)
      .subject(i18n.t('auth.mail.password_reset.subject'))
      .text(
        [lines.greeting, '', lines.intro, '', this.resetUrl, '', lines.expiry, lines.ignore].join(
          '\n'
        )
      )
      .html(
        `<!doctype html><html lang="${locale}"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5">` +
          `<p>${escapeHtml(lines.greeting)}</p>` +
          `<p>${escapeHtml(lines.intro)}</p>` +
          `<p><a href="${escapeHtml(this.resetUrl)}">${escapeHtml(lines.action)}</a></p>` +
          `<p>${escapeHtml(lines.expiry)}<br>${escapeHtml(lines.ignore)}</p>` +
          `</body></html>`
      )
  }
}
