import type { HttpContext } from '@adonisjs/core/http'
import { listAuditLogs } from '#platform/audit/list_audit_logs'
import { listMembers } from '#tenancy/queries/list_members'
import { staffAuditFiltersValidator } from '#tenancy/validators/staff'
import { tenancyValidation } from '#tenancy/validators/messages_provider'
import AuditLogTransformer from '#tenancy/transformers/audit_log_transformer'
import MemberTransformer from '#tenancy/transformers/member_transformer'

export default class AuditController {
  /** The current tenant's own audit log (administrators and auditors). */
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize('viewAuditLog', context)
    const filters = await ctx.request.validateUsing(
      staffAuditFiltersValidator,
      tenancyValidation(ctx, { tenantId: context.tenantId })
    )
    const page = await listAuditLogs({ ...filters, tenantId: context.tenantId })
    const members = await listMembers(context.tenantId)
    return ctx.inertia.render('staff/audit_index', {
      entries: AuditLogTransformer.transform(page.all()),
      pagination: { page: page.currentPage, lastPage: page.lastPage, total: page.total },
      filters: { action: filters.action ?? '', actorUserId: filters.actorUserId ?? '' },
      members: MemberTransformer.transform(members),
    })
  }
}
