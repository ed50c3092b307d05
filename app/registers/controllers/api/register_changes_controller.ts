import type { HttpContext } from '@adonisjs/core/http'
import { ApiError } from '#platform/api/api_error'
import { apiValidation } from '#platform/api/validators/messages_provider'
import { apiI18n } from '#platform/api/render_api_error'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { findDataSourceByCode } from '#registers/queries/data_sources'
import { MAX_PUSH_ROWS, pushChanges } from '#registers/push/push_changes'
import { pushChangesValidator } from '#registers/push/push_validator'
import { announceFactsChanged } from '#registers/events/announce_facts_changed'

/** POST /api/v1/registers/:source/changes — a data source's system delivers a batch. */
export default class RegisterChangesController {
  async store(ctx: HttpContext) {
    const client = ctx.apiClient!
    const source = await findDataSourceByCode(String(ctx.params.source))
    if (!source) throw new ApiError(404, 'not_found', 'api.errors.not_found')
    if (client.ownerType !== 'data_source' || client.ownerId !== source.id) {
      throw ApiError.forbidden('registers.push.errors.other_source')
    }

    const body = ctx.request.body() as { persons?: unknown; facts?: unknown }
    const rows =
      (Array.isArray(body.persons) ? body.persons.length : 0) +
      (Array.isArray(body.facts) ? body.facts.length : 0)
    if (rows > MAX_PUSH_ROWS) {
      throw new ApiError(
        413,
        'too_many_rows',
        'registers.push.errors.too_many_rows',
        {},
        {
          max: MAX_PUSH_ROWS,
        }
      )
    }
    const batch = await ctx.request.validateUsing(pushChangesValidator, apiValidation(ctx, {}))
    if (batch.batch_date !== undefined && !isCalendarDate(batch.batch_date)) {
      throw new ApiError(422, 'validation_failed', 'registers.push.errors.batch_date')
    }

    const i18n = apiI18n(ctx)
    const result = await pushChanges(source, batch, { origin: 'api', locale: i18n.locale })
    await announceFactsChanged('push', result.changeLogEntries)
    const describe = (reason: string) => {
      for (const key of [
        `registers.import.reasons.${reason}`,
        `registers.push.reasons.${reason}`,
      ]) {
        if (i18n.hasMessage(key)) return i18n.t(key)
      }
      return reason
    }
    return ctx.response.ok({
      accepted: result.accepted,
      unchanged: result.unchanged,
      rejected: result.rejected.map((row) => ({
        ...row,
        message: row.message ?? describe(row.reason),
      })),
      import_id: result.importId,
    })
  }
}
