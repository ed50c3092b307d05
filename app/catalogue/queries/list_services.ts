import Service from '#catalogue/models/service'

export async function listServices(tenantId: number) {
  return Service.query().where('tenant_id', tenantId).orderBy('code')
}
