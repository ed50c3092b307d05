import Membership from '#tenancy/models/membership'

/** The tenant's members with their user accounts, by name. */
export async function listMembers(tenantId: number) {
  const members = await Membership.query().where('tenant_id', tenantId).preload('user')
  return members.sort((a, b) => a.user.fullName.localeCompare(b.user.fullName, 'lv') || a.id - b.id)
}
