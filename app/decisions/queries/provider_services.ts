import db from '@adonisjs/lucid/services/db'

/** A provider's services, as its systems read them. */
export async function providerServices(providerTenantId: number) {
  return db
    .from('services')
    .where('tenant_id', providerTenantId)
    .orderBy('code')
    .select('code', 'name_lv', 'name_en', 'sector', 'base_price_cents')
}
