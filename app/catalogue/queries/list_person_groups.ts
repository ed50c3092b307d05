import PersonGroup from '#catalogue/models/person_group'

export async function listPersonGroups(tenantId: number) {
  return PersonGroup.query().where('tenant_id', tenantId).withCount('members').orderBy('key')
}

export async function getPersonGroup(tenantId: number, id: number) {
  return PersonGroup.query()
    .where('tenant_id', tenantId)
    .where('id', id)
    .withCount('members')
    .firstOrFail()
}
