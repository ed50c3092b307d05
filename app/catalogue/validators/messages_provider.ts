import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Validation messages for catalogue forms: `catalogue.validation.messages`
 * and field names from `catalogue.validation.fields`, then the shared
 * validator messages.
 */
export class CatalogueMessagesProvider implements MessagesProviderContact {
  #shared: MessagesProviderContact

  constructor(private i18n: I18n) {
    this.#shared = i18n.createMessagesProvider()
  }

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
    const own = this.#resolve(`catalogue.validation.messages.${rule}`)
    const fieldLabel = this.#resolve(`catalogue.validation.fields.${field.name}`)
    if (!own && !fieldLabel) return this.#shared.getMessage(defaultMessage, rule, field, meta)
    const template = own ?? this.#resolve(`validator.shared.messages.${rule}`)
    const values = { ...meta, field: fieldLabel ?? String(field.name) }
    if (!template) return defaultMessage.replace(/\{\{\s*field\s*\}\}/g, values.field)
    return this.i18n.formatRawMessage(template, values)
  }
}

export function catalogueValidation<Meta extends Record<string, unknown>>(
  ctx: HttpContext,
  meta?: Meta
) {
  return { messagesProvider: new CatalogueMessagesProvider(ctx.i18n), meta: meta ?? ({} as Meta) }
}
