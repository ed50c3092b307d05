import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#tenancy/models/tenant'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'
import { DEMO_TENANTS } from '#database/data/tenants'

/** The demo installation's organisations and their enabled plugins. Idempotent. */
export default class ReferenceTenantsSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    for (const data of DEMO_TENANTS) {
      const tenant = await Tenant.updateOrCreate(
        { registrationNumber: data.registrationNumber },
        {
          kind: data.kind,
          name: data.name,
          contactEmail: data.contactEmail,
          contactPhone: data.contactPhone,
          status: 'active',
        },
        { client: this.client }
      )
      for (const pluginId of data.plugins) {
        await TenantPlugin.firstOrCreate(
          { tenantId: tenant.id, pluginId },
          { settings: {} },
          { client: this.client }
        )
      }
    }
  }
}
