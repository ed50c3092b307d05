import { errors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A rule the action enforces (the last administrator, say) reported like a
 * validation failure: 422 for JSON, back to the form with the message otherwise.
 */
export function fieldError(ctx: HttpContext, field: string, key: string, rule = 'invalid') {
  return new errors.E_VALIDATION_ERROR([{ field, rule, message: ctx.i18n.t(key) }])
}
