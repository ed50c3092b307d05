import type { HttpContext } from '@adonisjs/core/http'
import { namespacedValidation } from '#platform/validation/namespaced_messages_provider'

/** Options for request.validateUsing in the API client forms (messages from api.json). */
export function apiValidation<Meta extends Record<string, unknown>>(ctx: HttpContext, meta: Meta) {
  return namespacedValidation('api', ctx.i18n, meta)
}
