import type { HttpContext } from '@adonisjs/core/http'
import { namespacedValidation } from '#platform/validation/namespaced_messages_provider'

/** Options for request.validateUsing in catalogue controllers (messages from catalogue.json). */
export function catalogueValidation<Meta extends Record<string, unknown>>(
  ctx: HttpContext,
  meta?: Meta
) {
  return namespacedValidation('catalogue', ctx.i18n, meta)
}
