import Invitation from '#tenancy/models/invitation'

/** The tenant's invitations, newest first. */
export async function listInvitations(tenantId: number, limit = 50) {
  return Invitation.query().where('tenant_id', tenantId).orderBy('id', 'desc').limit(limit)
}
