import type { HttpContext } from '@adonisjs/core/http'
import { namespacedValidation } from '#platform/validation/namespaced_messages_provider'

/** Options for request.validateUsing in tenancy controllers (messages from tenancy.json). */
export function tenancyValidation<Meta extends Record<string, unknown>>(
  ctx: HttpContext,
  meta?: Meta
) {
  return namespacedValidation('tenancy', ctx.i18n, meta)
}
