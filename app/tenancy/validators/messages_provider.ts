import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Validation messages for the tenancy forms: looks in tenancy.json
 * (`validation.messages`, `validation.fields`) first, then in the shared
 * validator messages, so the tenancy rules read well in lv and en.
 */
export class TenancyMessagesProvider implements MessagesProviderContact {
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
  ): string {
    const own = this.#resolve(
      `tenancy.validation.messages.${field.wildCardPath}.${rule}`,
      `tenancy.validation.messages.${rule}`
    )
    const fieldLabel = this.#resolve(`tenancy.validation.fields.${field.name}`)
    if (!own && !fieldLabel) {
      return this.#shared.getMessage(defaultMessage, rule, field, meta)
    }
    const template =
      own ??
      this.#resolve(
        `validator.shared.messages.${field.wildCardPath}.${rule}`,
        `validator.shared.messages.${rule}`
      )
    const values = { ...meta, field: fieldLabel ?? String(field.name) }
    if (!template) return defaultMessage.replace(/\{\{\s*field\s*\}\}/g, values.field)
    return this.i18n.formatRawMessage(template, values)
  }
}

/** Options for request.validateUsing in tenancy controllers. */
export function tenancyValidation<Meta extends Record<string, unknown>>(
  ctx: HttpContext,
  meta?: Meta
) {
  return { messagesProvider: new TenancyMessagesProvider(ctx.i18n), meta: meta ?? ({} as Meta) }
}
