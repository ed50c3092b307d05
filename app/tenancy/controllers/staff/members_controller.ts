import type { HttpContext } from '@adonisjs/core/http'
import { ROLES } from '#platform/access/roles'
import ChangeMemberRole, { LastAdminError } from '#tenancy/actions/change_member_role'
import RemoveMember from '#tenancy/actions/remove_member'
import { listMembers } from '#tenancy/queries/list_members'
import { listInvitations } from '#tenancy/queries/list_invitations'
import { memberRoleValidator } from '#tenancy/validators/staff'
import { tenancyValidation } from '#tenancy/validators/messages_provider'
import { fieldError } from '#tenancy/validators/field_error'
import MemberTransformer from '#tenancy/transformers/member_transformer'
import InvitationTransformer from '#tenancy/transformers/invitation_transformer'

export default class MembersController {
  /** The people of the current tenant with their roles (and pending invitations). */
  async index(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize('viewStaff', context)
    const canManage = await ctx.bouncer.allows('manageStaff', context)
    const members = await listMembers(context.tenantId)
    const invitations = canManage ? await listInvitations(context.tenantId) : []
    return ctx.inertia.render('staff/users_index', {
      members: MemberTransformer.transform(members),
      invitations: InvitationTransformer.transform(invitations),
      roles: [...ROLES],
      canManage,
      currentUserId: ctx.auth.user!.id,
    })
  }

  async update(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize('manageStaff', context)
    const { role } = await ctx.request.validateUsing(memberRoleValidator, tenancyValidation(ctx))
    try {
      await new ChangeMemberRole().handle({
        tenantId: context.tenantId,
        membershipId: Number(ctx.params.id),
        role,
        ctx,
      })
    } catch (error) {
      if (error instanceof LastAdminError)
        throw fieldError(ctx, 'role', 'tenancy.errors.last_admin')
      throw error
    }
    ctx.session.flash('success', 'tenancy.flash.role_changed')
    return ctx.response.redirect().toRoute('staff.users.index')
  }

  async destroy(ctx: HttpContext) {
    const context = ctx.tenantContext!
    await ctx.bouncer.authorize('manageStaff', context)
    try {
      await new RemoveMember().handle({
        tenantId: context.tenantId,
        membershipId: Number(ctx.params.id),
        ctx,
      })
    } catch (error) {
      if (error instanceof LastAdminError) {
        throw fieldError(ctx, 'membership', 'tenancy.errors.last_admin')
      }
      throw error
    }
    ctx.session.flash('success', 'tenancy.flash.member_removed')
    return ctx.response.redirect().toRoute('staff.users.index')
  }
}
