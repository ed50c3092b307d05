import type { HttpContext } from '@adonisjs/core/http'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { viewWhatIf } from '#entitlements/abilities'
import { explainPageValidator } from '#entitlements/validators/entitlements'
import { whatIf } from '#entitlements/queries/what_if'

/** GET /staff/entitlements/what-if/:versionId?at=…: who would gain or lose with this draft. */
export default class WhatIfController {
  async show(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewWhatIf, context)
    const { at } = await ctx.request.validateUsing(explainPageValidator, { data: ctx.request.qs() })
    if (at !== undefined && !isCalendarDate(at)) {
      return ctx.response.unprocessableEntity({
        errors: [{ field: 'at', message: 'invalid date' }],
      })
    }
    const result = await whatIf(context.tenantId, Number(ctx.params.id), at ?? todayInRiga())
    if (!result) return ctx.response.notFound({ errors: [{ message: 'not found' }] })
    return ctx.response.json(result)
  }
}
