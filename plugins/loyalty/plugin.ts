import vine from '@vinejs/vine'
import { definePlugin } from '#platform/plugins/define_plugin'
import routes from './routes.js'

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
  routes,
  attributes: [
    {
      key: 'loyalty.member',
      type: 'boolean',
      labels: { lv: 'Lojalitātes programmas dalībnieks', en: 'Loyalty programme member' },
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
  pages: ['index'],
  settings: vine.object({
    programmeName: vine.string().trim().minLength(2).maxLength(100).optional(),
    pointsPerEuro: vine.number().min(0).max(100).optional(),
  }),
})
