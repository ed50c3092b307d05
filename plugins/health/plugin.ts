import { definePlugin } from '#platform/plugins/define_plugin'

export default definePlugin({
  id: 'health',
  version: '0.1.0',
  name: { lv: 'Veselība', en: 'Health' },
  description: {
    lv: 'Atbrīvojums no pacienta iemaksām veselības aprūpē.',
    en: 'Exemption from patient co-payments in health care.',
  },
  coreRange: '>=0.1.0 <1.0.0',
  dependsOn: {},
  attributes: [
    {
      // Deliberately a yes/no status, never a diagnosis: benefits need the
      // exemption, not the health data behind it (data minimisation).
      key: 'health.patient_fee_exempt',
      type: 'boolean',
      labels: {
        lv: 'Atbrīvots no pacienta iemaksām',
        en: 'Exempt from patient co-payments',
      },
      description: {
        lv: 'Persona pieder grupai, kas atbrīvota no pacienta iemaksām (MK noteikumi Nr. 555 par veselības aprūpes organizēšanu un finansēšanu), ko paziņo Nacionālais veselības dienests.',
        en: 'The person belongs to a group exempt from patient co-payments (Cabinet Regulation No. 555 on health care organisation and financing), as reported by the National Health Service.',
      },
    },
  ],
  permissions: [
    {
      key: 'health.attributes.view',
      label: 'health.permissions.attributes_view',
      roles: ['tenant_admin', 'benefit_manager', 'auditor'],
    },
  ],
  navigation: [
    { label: 'health.nav.index', route: 'health.index', permission: 'health.attributes.view' },
  ],
  attributesPage: { permission: 'health.attributes.view' },
})
