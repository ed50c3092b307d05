import vine from '@vinejs/vine'
import { definePlugin } from '#platform/plugins/define_plugin'

export default definePlugin({
  id: 'loyalty',
  version: '0.1.0',
  name: { lv: 'Lojalitātes programmas', en: 'Loyalty programmes' },
  description: {
    lv: 'Tirgotāju lojalitātes programmu dalībnieki.',
    en: 'Members of merchants’ loyalty programmes.',
  },
  coreRange: '>=0.1.0 <1.0.0',
  dependsOn: {},
  attributes: [
    {
      key: 'loyalty.member',
      type: 'boolean',
      labels: { lv: 'Lojalitātes programmas dalībnieks', en: 'Loyalty programme member' },
    },
  ],
  benefitFields: [
    {
      key: 'loyalty.programme_terms_url',
      label: 'loyalty.benefit_fields.programme_terms_url',
      input: 'text',
      schema: vine.string().trim().url().maxLength(500).optional(),
    },
    {
      key: 'loyalty.target_group',
      label: 'loyalty.benefit_fields.target_group',
      input: 'text',
      schema: vine.string().trim().maxLength(200).optional(),
    },
  ],
  permissions: [
    {
      key: 'loyalty.attributes.view',
      label: 'loyalty.permissions.attributes_view',
      roles: ['tenant_admin', 'benefit_manager', 'analyst', 'provider_operator', 'auditor'],
    },
  ],
  navigation: [
    { label: 'loyalty.nav.index', route: 'loyalty.index', permission: 'loyalty.attributes.view' },
  ],
  attributesPage: { permission: 'loyalty.attributes.view' },
  settings: vine.object({
    programmeName: vine.string().trim().minLength(2).maxLength(100).optional(),
    pointsPerEuro: vine.number().min(0).max(100).optional(),
  }),
})
