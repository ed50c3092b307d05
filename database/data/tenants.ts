/*
| Reference tenants and demo staff for `node ace db:seed` and `npm run demo`.
| Tests import this module too. Registration numbers pass the check-digit
| rule (app/tenancy/registration_number.ts); contact details are made up.
| Kept outside database/seeders because Lucid runs every file there as a seeder.
*/
import type { Role, TenantKind } from '#platform/access/roles'

export interface SeedTenant {
  key: string
  kind: TenantKind
  name: string
  registrationNumber: string
  contactEmail: string
  contactPhone: string | null
  /** Sector plugins enabled for this tenant. */
  plugins: string[]
}

export interface SeedUser {
  email: string
  fullName: string
  locale: 'lv' | 'en'
  isPlatformOperator?: boolean
  /** Tenant key → role. */
  memberships: Record<string, Role>
}

const ALL_PLUGINS = ['education', 'welfare', 'health', 'loyalty']

export const DEMO_TENANTS: SeedTenant[] = [
  {
    key: 'atd',
    kind: 'state_grantor',
    name: 'Autotransporta direkcija',
    registrationNumber: '40003347472',
    contactEmail: 'pasts@atd.demo.atvieglo.lv',
    contactPhone: '+371 67280485',
    plugins: ALL_PLUGINS,
  },
  {
    key: 'riga',
    kind: 'municipality',
    name: 'Rīgas valstspilsētas pašvaldība',
    registrationNumber: '90011524360',
    contactEmail: 'pasts@riga.demo.atvieglo.lv',
    contactPhone: '+371 80000800',
    plugins: ALL_PLUGINS,
  },
  {
    key: 'sif',
    kind: 'state_grantor',
    name: 'Sabiedrības integrācijas fonds',
    registrationNumber: '90001237533',
    contactEmail: 'godagimene@sif.demo.atvieglo.lv',
    contactPhone: '+371 67078190',
    plugins: ALL_PLUGINS,
  },
  {
    key: 'rigas_satiksme',
    kind: 'service_provider',
    name: 'Rīgas satiksme',
    registrationNumber: '40003619950',
    contactEmail: 'info@rs.demo.atvieglo.lv',
    contactPhone: '+371 80001919',
    plugins: [],
  },
  {
    key: 'pasazieru_vilciens',
    kind: 'service_provider',
    name: 'Pasažieru vilciens',
    registrationNumber: '40003567907',
    contactEmail: 'info@pv.demo.atvieglo.lv',
    contactPhone: '+371 67233133',
    plugins: [],
  },
  {
    key: 'rundale',
    kind: 'service_provider',
    name: 'Rundāles pils muzejs',
    registrationNumber: '90000056357',
    contactEmail: 'muzejs@rundale.demo.atvieglo.lv',
    contactPhone: '+371 63962274',
    plugins: [],
  },
  {
    key: 'merchant',
    kind: 'merchant',
    name: 'SIA Maxima Latvija',
    registrationNumber: '40003520643',
    contactEmail: 'lojalitate@maxima.demo.atvieglo.lv',
    contactPhone: null,
    plugins: ['loyalty'],
  },
  {
    key: 'vdaa',
    kind: 'platform_operator',
    name: 'Valsts digitālās attīstības aģentūra',
    registrationNumber: '90000032429',
    contactEmail: 'atbalsts@vdaa.demo.atvieglo.lv',
    contactPhone: '+371 67079000',
    plugins: [],
  },
]

/** The one password of every demo user (demo only; never seeded in production). */
export const DEMO_PASSWORD = 'Atvieglo-demo-2026'

/** Fixed TOTP secret of the demo platform operator (`node ace demo:totp` prints a code). */
export const DEMO_OPERATOR_TOTP_SECRET = 'CNLCIHSMHVFUSOCOMZVSEEQKP5RRKZKG'
export const DEMO_OPERATOR_EMAIL = 'operators@demo.atvieglo.lv'

export const DEMO_USERS: SeedUser[] = [
  {
    email: DEMO_OPERATOR_EMAIL,
    fullName: 'Oskars Operators',
    locale: 'lv',
    isPlatformOperator: true,
    memberships: { vdaa: 'tenant_admin' },
  },
  {
    email: 'atd.admin@demo.atvieglo.lv',
    fullName: 'Ilze Kalniņa',
    locale: 'lv',
    memberships: { atd: 'tenant_admin' },
  },
  {
    email: 'atd.benefits@demo.atvieglo.lv',
    fullName: 'Jānis Bērziņš',
    locale: 'lv',
    memberships: { atd: 'benefit_manager' },
  },
  {
    email: 'riga.admin@demo.atvieglo.lv',
    fullName: 'Anna Ozola',
    locale: 'lv',
    memberships: { riga: 'tenant_admin' },
  },
  {
    email: 'riga.analyst@demo.atvieglo.lv',
    fullName: 'Mārtiņš Liepiņš',
    locale: 'en',
    memberships: { riga: 'analyst' },
  },
  {
    email: 'sif.benefits@demo.atvieglo.lv',
    fullName: 'Līga Krūmiņa',
    locale: 'lv',
    memberships: { sif: 'benefit_manager' },
  },
  {
    // A provider's administrator: creates the API clients of the validators and tills.
    email: 'rs.admin@demo.atvieglo.lv',
    fullName: 'Laura Siliņa',
    locale: 'lv',
    memberships: { rigas_satiksme: 'tenant_admin' },
  },
  {
    email: 'rs.operator@demo.atvieglo.lv',
    fullName: 'Andris Vītols',
    locale: 'lv',
    memberships: { rigas_satiksme: 'provider_operator' },
  },
  {
    email: 'pv.operator@demo.atvieglo.lv',
    fullName: 'Kristīne Zariņa',
    locale: 'lv',
    memberships: { pasazieru_vilciens: 'provider_operator' },
  },
  {
    email: 'muzejs.operator@demo.atvieglo.lv',
    fullName: 'Edgars Jansons',
    locale: 'lv',
    memberships: { rundale: 'provider_operator' },
  },
  {
    email: 'maxima.admin@demo.atvieglo.lv',
    fullName: 'Dace Priede',
    locale: 'lv',
    memberships: { merchant: 'tenant_admin' },
  },
  {
    // Two tenants: demonstrates the tenant switcher.
    email: 'auditore@demo.atvieglo.lv',
    fullName: 'Rūta Eglīte',
    locale: 'lv',
    memberships: { atd: 'auditor', riga: 'auditor' },
  },
]
