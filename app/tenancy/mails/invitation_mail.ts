import type { DateTime } from 'luxon'
import { BaseMail } from '@adonisjs/mail'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Role } from '#platform/access/roles'

export interface InvitationMailData {
  to: string
  fullName: string
  tenantName: string
  role: Role
  url: string
  expiresAt: DateTime
  locale: string
}

function escapeHtml(value: string) {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
  )
}

/** The link a new staff member follows to set a password and join a tenant. */
export default class InvitationMail extends BaseMail {
  constructor(readonly data: InvitationMailData) {
    super()
  }

  prepare() {
    const i18n = i18nManager.locale(this.data.locale)
    const values = {
      name: this.data.fullName,
      tenant: this.data.tenantName,
      role: i18n.t(`ui.roles.${this.data.role}`),
      date: this.data.expiresAt.setZone('Europe/Riga').toFormat('dd.MM.yyyy HH:mm'),
    }
    const lines = [
      i18n.t('tenancy.mail.invitation.greeting', values),
      i18n.t('tenancy.mail.invitation.body', values),
      i18n.t('tenancy.mail.invitation.expires', values),
      i18n.t('tenancy.mail.invitation.ignore', values),
    ]
    this.message
      .to(this.data.to)
      .subject(i18n.t('tenancy.mail.invitation.subject', values))
      .text([...lines.slice(0, 2), this.data.url, ...lines.slice(2)].join('\n\n'))
      .html(
        `<html lang="${this.data.locale}"><body>` +
          `<p>${escapeHtml(lines[0])}</p><p>${escapeHtml(lines[1])}</p>` +
          `<p><a href="${escapeHtml(this.data.url)}">${escapeHtml(i18n.t('tenancy.mail.invitation.action'))}</a></p>` +
          `<p>${escapeHtml(lines[2])}</p><p>${escapeHtml(lines[3])}</p></body></html>`
      )
  }
}
