import type { HttpContext } from '@adonisjs/core/http'
import { TENANT_KINDS, TENANT_STATUSES } from '#platform/access/roles'
import CreateTenant from '#tenancy/actions/create_tenant'
import UpdateTenant from '#tenancy/actions/update_tenant'
import SetTenantStatus, { TenantStatusUnchangedError } from '#tenancy/actions/set_tenant_status'
import { installedPlugins } from '#tenancy/actions/toggle_tenant_plugin'
import { listTenants } from '#tenancy/queries/list_tenants'
import { getTenant } from '#tenancy/queries/get_tenant'
import { listMembers } from '#tenancy/queries/list_members'
import { listInvitations } from '#tenancy/queries/list_invitations'
import { tenantFiltersValidator, tenantValidator } from '#tenancy/validators/tenant'
import { tenancyValidation } from '#tenancy/validators/messages_provider'
import { fieldError } from '#tenancy/validators/field_error'
import TenantTransformer from '#tenancy/transformers/tenant_transformer'
import MemberTransformer from '#tenancy/transformers/member_transformer'
import InvitationTransformer from '#tenancy/transformers/invitation_transformer'
import PluginStateTransformer from '#tenancy/transformers/plugin_state_transformer'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import type { TenantStatus } from '#platform/access/roles'

export default class TenantsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const filters = await ctx.request.validateUsing(tenantFiltersValidator, tenancyValidation(ctx))
    const tenants = await listTenants(filters)
    return ctx.inertia.render('operator/tenants_index', {
      tenants: TenantTransformer.transform(tenants),
      filters: { kind: filters.kind ?? '', status: filters.status ?? '' },
      kinds: [...TENANT_KINDS],
      statuses: [...TENANT_STATUSES],
    })
  }

  async create({ bouncer, inertia }: HttpContext) {
    await bouncer.authorize('operatePlatform')
    return inertia.render('operator/tenant_create', { kinds: [...TENANT_KINDS] })
  }

  async store(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const data = await ctx.request.validateUsing(tenantValidator, tenancyValidation(ctx))
    const tenant = await new CreateTenant().handle({ ...data, ctx })
    ctx.session.flash('success', 'tenancy.flash.tenant_created')
    return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    const members = await listMembers(tenant.id)
    const invitations = await listInvitations(tenant.id)
    const enabled = await TenantPlugin.query().where('tenant_id', tenant.id)
    const enabledIds = new Set(enabled.map((row) => row.pluginId))
    return ctx.inertia.render('operator/tenant_show', {
      tenant: TenantTransformer.transform(tenant),
      members: MemberTransformer.transform(members),
      invitations: InvitationTransformer.transform(invitations),
      plugins: PluginStateTransformer.transform(
        installedPlugins().map((plugin) => ({ ...plugin, enabled: enabledIds.has(plugin.id) }))
      ),
    })
  }

  async edit(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    return ctx.inertia.render('operator/tenant_edit', {
      tenant: TenantTransformer.transform(tenant),
      kinds: [...TENANT_KINDS],
    })
  }

  async update(ctx: HttpContext) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    const data = await ctx.request.validateUsing(
      tenantValidator,
      tenancyValidation(ctx, { exceptTenantId: tenant.id })
    )
    await new UpdateTenant().handle({ tenant, data, ctx })
    ctx.session.flash('success', 'tenancy.flash.tenant_updated')
    return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
  }

  async suspend(ctx: HttpContext) {
    return this.#setStatus(ctx, 'suspended')
  }

  async reactivate(ctx: HttpContext) {
    return this.#setStatus(ctx, 'active')
  }

  async #setStatus(ctx: HttpContext, status: TenantStatus) {
    await ctx.bouncer.authorize('operatePlatform')
    const tenant = await getTenant(ctx.params.id)
    try {
      await new SetTenantStatus().handle({ tenant, status, ctx })
    } catch (error) {
      if (error instanceof TenantStatusUnchangedError) {
        throw fieldError(ctx, 'status', `tenancy.errors.already_${status}`)
      }
      throw error
    }
    ctx.session.flash('success', `tenancy.flash.tenant_${status}`)
    return ctx.response.redirect().toRoute('operator.tenants.show', { id: tenant.id })
  }
}
