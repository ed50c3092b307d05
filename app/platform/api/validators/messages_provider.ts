import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Validation messages for the API client forms: api.json (`validation.messages`,
 * `validation.fields`) first, then the shared validator messages.
 */
class ApiMessagesProvider implements MessagesProviderContact {
  constructor(private i18n: I18n) {}

  #resolve(...keys: string[]) {
    for (const key of keys) {
      const found = this.i18n.resolveIdentifier(key)
      if (found) return found.message
    }
    return null
  }

  getMessage(
    defaultMessage: string,
    rule: string,
    field: FieldContext,
    meta?: Record<string, any>
  ) {
    const path = field.wildCardPath
    const template = this.#resolve(
      `api.validation.messages.${path}.${rule}`,
      `api.validation.messages.${rule}`,
      `validator.shared.messages.${path}.${rule}`,
      `validator.shared.messages.${rule}`
    )
    const label =
      this.#resolve(`api.validation.fields.${path}`, `validator.shared.fields.${path}`) ??
      String(field.name)
    const values = { ...meta, field: label }
    if (!template) return defaultMessage.replace(/\{\{\s*field\s*\}\}/g, label)
    return this.i18n.formatRawMessage(template, values)
  }
}

export function apiValidation<Meta extends Record<string, unknown>>(ctx: HttpContext, meta: Meta) {
  return { messagesProvider: new ApiMessagesProvider(ctx.i18n), meta }
}
