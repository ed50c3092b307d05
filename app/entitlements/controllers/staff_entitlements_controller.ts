import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { viewPersonEntitlements, decideEntitlements } from '#entitlements/abilities'
import {
  decisionValidator,
  explainPageValidator,
  personSearchValidator,
} from '#entitlements/validators/entitlements'
import {
  explainEntitlement,
  findPersonByCode,
  listPersonEntitlements,
} from '#entitlements/queries/person_entitlements'
import RecordDecision from '#entitlements/actions/record_decision'

/**
 * Staff of a grantor: find a person by personal code, see the person's entitlements granted
 * by this tenant and why. Every look at a person is audited.
 */
export default class StaffEntitlementsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize(viewPersonEntitlements, ctx.tenantContext!)
    return ctx.inertia.render('entitlements/search', {})
  }

  async search(ctx: HttpContext) {
    await ctx.bouncer.authorize(viewPersonEntitlements, ctx.tenantContext!)
    const { personalCode } = await ctx.request.validateUsing(personSearchValidator)
    const personId = await findPersonByCode(personalCode)
    // The lookup itself reads personal data (whether the code belongs to a person): audited,
    // found or not, before the answer names the person.
    await recordAudit({
      action: 'entitlements.person.searched',
      ctx,
      subjectType: 'person',
      subjectId: personId,
      metadata: { found: personId !== null },
    })
    if (!personId) {
      ctx.session.flash('error', 'entitlements.flash.person_not_found')
      return ctx.response.redirect().toPath('/staff/entitlements')
    }
    return ctx.response.redirect().toPath(`/staff/entitlements/persons/${personId}`)
  }

  async person(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewPersonEntitlements, context)
    const personId = Number(ctx.params.id)
    const entitlements = await listPersonEntitlements(context.tenantId, personId)
    await recordAudit({
      action: 'entitlements.person.viewed',
      ctx,
      subjectType: 'person',
      subjectId: personId,
      metadata: { page: 'entitlements' },
    })
    return ctx.inertia.render('entitlements/person', {
      personId,
      entitlements,
      today: todayInRiga(),
      canDecide: await ctx.bouncer.allows(decideEntitlements, context),
    })
  }

  async explain(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(viewPersonEntitlements, context)
    const personId = Number(ctx.params.id)
    const { at } = await ctx.request.validateUsing(explainPageValidator, { data: ctx.request.qs() })
    const day = at && isCalendarDate(at) ? at : todayInRiga()
    const result = await explainEntitlement(context.tenantId, personId, ctx.params.code, day)
    if (!result) return ctx.response.notFound(await ctx.inertia.render('errors/not_found', {}))
    await recordAudit({
      action: 'entitlements.person.viewed',
      ctx,
      subjectType: 'person',
      subjectId: personId,
      metadata: { page: 'explanation', benefit: result.benefit.code, at: day },
    })
    return ctx.inertia.render('entitlements/explain', { personId, ...result })
  }

  async decide(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize(decideEntitlements, context)
    const personId = Number(ctx.params.id)
    const data = await ctx.request.validateUsing(decisionValidator)
    const decision = await new RecordDecision().handle({
      tenantId: context.tenantId,
      personId,
      ...data,
      ctx,
    })
    if (!decision) return ctx.response.notFound(await ctx.inertia.render('errors/not_found', {}))
    ctx.session.flash('success', 'entitlements.flash.decision_recorded')
    return ctx.response.redirect().toPath(`/staff/entitlements/persons/${personId}`)
  }
}
