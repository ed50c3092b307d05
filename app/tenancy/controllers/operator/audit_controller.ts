import type { HttpContext } from '@adonisjs/core/http'
import Tenant from '#tenancy/models/tenant'
import { listAuditLogs } from '#platform/audit/list_audit_logs'
import { operatorAuditFiltersValidator } from '#tenancy/validators/staff'
import { tenancyValidation } from '#tenancy/validators/messages_provider'
import AuditLogTransformer from '#tenancy/transformers/audit_log_transformer'
import { verifyAuditChain, type AuditChainReport } from '#platform/audit/verify_audit_chain'

const VERIFICATION_KEY = 'auditVerification'

export default class AuditController {
  /** The whole platform's audit log, filtered by tenant and action. */
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const filters = await ctx.request.validateUsing(
      operatorAuditFiltersValidator,
      tenancyValidation(ctx)
    )
    const page = await listAuditLogs(filters)
    const tenants = await Tenant.query().select('id', 'name').orderBy('name')
    const verification = ctx.session.flashMessages.get(VERIFICATION_KEY) as
      Pick<AuditChainReport, 'ok' | 'checked' | 'brokenId' | 'reason'> | undefined
    return ctx.inertia.render('operator/audit_index', {
      entries: AuditLogTransformer.transform(page.all()),
      pagination: { page: page.currentPage, lastPage: page.lastPage, total: page.total },
      filters: { tenantId: filters.tenantId ?? '', action: filters.action ?? '' },
      tenants: tenants.map((tenant) => ({ id: tenant.id, name: tenant.name })),
      verification: verification
        ? {
            ok: verification.ok,
            checked: verification.checked,
            brokenAt: verification.brokenId ?? null,
            reason: verification.reason ?? null,
          }
        : null,
    })
  }

  /** Verifies the MAC chain and its signed checkpoints; shows the outcome on the audit page. */
  async verify(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const { ok, checked, brokenId, reason } = await verifyAuditChain()
    ctx.session.flash(VERIFICATION_KEY, { ok, checked, brokenId, reason })
    return ctx.response.redirect().toRoute('operator.audit.index')
  }
}
