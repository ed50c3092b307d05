import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { ApiError } from '#platform/api/api_error'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import {
  entitlementsQueryValidator,
  explainQueryValidator,
} from '#entitlements/validators/entitlements'
import { explainEntitlement, findPersonByCode } from '#entitlements/queries/person_entitlements'
import { entitlementsOnDayByCode } from '#entitlements/queries/entitlements_on_day_by_code'

function validDate(at: string | undefined) {
  const day = at ?? todayInRiga()
  if (!isCalendarDate(day)) {
    throw new ApiError(422, 'validation_failed', 'entitlements.api.invalid_date', {}, {})
  }
  return day
}

/** A client's read of a person's entitlements, audited like a staff member's. */
function auditRead(ctx: HttpContext, personId: number | null, metadata: Record<string, unknown>) {
  const client = ctx.apiClient!
  return recordAudit({
    action: 'entitlements.person.viewed',
    ctx,
    tenantId: client.tenantId,
    actorLabel: `api:${client.clientId}`,
    subjectType: 'person',
    subjectId: personId,
    metadata: { via: 'api', ...metadata },
  })
}

/**
 * Grantors' systems (docs/contracts.md, "Grantors' systems"): a person's entitlements granted
 * by the client's tenant on a day, and why. Both are audited reads of personal data.
 */
export default class ApiEntitlementsController {
  async index(ctx: HttpContext) {
    const client = ctx.apiClient!
    const input = await ctx.request.validateUsing(entitlementsQueryValidator, {
      data: ctx.request.qs(),
    })
    const at = validDate(input.at)
    const { personId, rows } = await entitlementsOnDayByCode(
      client.tenantId!,
      input.personal_code,
      at
    )
    await auditRead(ctx, personId, { at, found: personId !== null })
    return ctx.response.json({
      data: rows.map((row) => ({
        benefit: row.benefitCode,
        version: row.version,
        valid_from: row.validFrom,
        valid_to: row.validTo,
        source: row.source,
      })),
      at,
    })
  }

  async explain(ctx: HttpContext) {
    const client = ctx.apiClient!
    const input = await ctx.request.validateUsing(explainQueryValidator, {
      data: ctx.request.qs(),
    })
    const at = validDate(input.at)
    const personId = await findPersonByCode(input.personal_code)
    const result = personId
      ? await explainEntitlement(client.tenantId!, personId, input.benefit, at)
      : null
    if (!result) throw new ApiError(404, 'not_found', 'api.errors.not_found')
    await auditRead(ctx, personId, { at, benefit: input.benefit })
    return ctx.response.json({
      data: {
        benefit: result.benefit.code,
        at,
        entitled: result.entitled,
        rule_holds: result.ruleHolds,
        version: result.version && {
          version: result.version.version,
          status: result.version.status,
          effective_from: result.version.effectiveFrom,
          effective_to: result.version.effectiveTo,
          rule: result.version.rule,
        },
        explanation: result.explanation,
        entitlements: result.entitlements.map((row) => ({
          version: row.version,
          valid_from: row.validFrom,
          valid_to: row.validTo,
          source: row.source,
        })),
        decisions: result.decisions.map((d) => ({
          kind: d.kind,
          valid_from: d.validFrom,
          valid_to: d.validTo,
        })),
      },
    })
  }
}
