import Tenant from '#tenancy/models/tenant'

/** One tenant by id for the operator; a missing id is a 404. */
export async function getTenant(id: number) {
  return Tenant.findOrFail(id)
}
