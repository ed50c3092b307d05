import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

/**
 * Validation messages of one context's forms: `<namespace>.validation.messages`
 * and `<namespace>.validation.fields` first, then the shared messages and
 * field names in validator.json, so each context's rules read well in lv and en.
 */
export class NamespacedMessagesProvider implements MessagesProviderContact {
  constructor(
    private i18n: I18n,
    private namespace: string
  ) {}

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
    const path = field.wildCardPath
    const template = this.#resolve(
      `${this.namespace}.validation.messages.${path}.${rule}`,
      `${this.namespace}.validation.messages.${rule}`,
      `validator.shared.messages.${path}.${rule}`,
      `validator.shared.messages.${rule}`
    )
    const label =
      this.#resolve(
        `${this.namespace}.validation.fields.${path}`,
        `${this.namespace}.validation.fields.${String(field.name)}`,
        `validator.shared.fields.${path}`
      ) ?? String(field.name)
    if (!template) return defaultMessage.replace(/\{\{\s*field\s*\}\}/g, label)
    return this.i18n.formatRawMessage(template, { ...meta, field: label })
  }
}

/** Options for `request.validateUsing` with a context's own messages and validator metadata. */
export function namespacedValidation<Meta extends Record<string, unknown>>(
  namespace: string,
  i18n: I18n,
  meta?: Meta
) {
  return {
    messagesProvider: new NamespacedMessagesProvider(i18n, namespace),
    meta: meta ?? ({} as Meta),
  }
}
