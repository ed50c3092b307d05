import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Echoes the request id so a user can quote it and staff can find the audit rows. */
export default class RequestIdMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const id = ctx.request.id()
    if (id) ctx.response.header('X-Request-Id', id)
    return next()
  }
}
