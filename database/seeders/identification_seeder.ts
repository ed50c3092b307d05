import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#tenancy/models/tenant'
import RegisterIssuer from '#identification/actions/register_issuer'
import { DEMO_TENANTS } from '#database/data/tenants'

/**
 * The demo tenants behind the issuer codes the population generator writes into
 * identifiers.csv (app/registers/population/generate_population.ts). `pmlp` (eID) and
 * `atvieglo` (app QR codes) are no tenant's: their means have no issuer desk. Idempotent.
 */
const DEMO_ISSUERS: Record<string, string> = {
  'atd': 'atd',
  'sif': 'sif',
  'riga': 'riga',
  'rigas-satiksme': 'rigas_satiksme',
}

export default class IdentificationSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    for (const [code, key] of Object.entries(DEMO_ISSUERS)) {
      const data = DEMO_TENANTS.find((tenant) => tenant.key === key)
      const tenant = data && (await Tenant.findBy('registrationNumber', data.registrationNumber))
      if (tenant) await new RegisterIssuer().handle({ code, tenantId: tenant.id })
    }
  }
}
