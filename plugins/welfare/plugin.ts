import { definePlugin } from '#platform/plugins/define_plugin'

export default definePlugin({
  id: 'welfare',
  version: '0.1.0',
  name: { lv: 'Sociālā palīdzība', en: 'Welfare' },
  description: {
    lv: 'Invaliditāte, bāreņi, represētās personas, Goda ģimenes un pensionāri.',
    en: 'Disability, orphans, repressed persons, Honour Families and pensioners.',
  },
  coreRange: '>=0.1.0 <1.0.0',
  dependsOn: {},
  attributes: [
    {
      key: 'disability.group',
      type: 'enum',
      values: ['I', 'II', 'III'],
      valueLabels: {
        I: { lv: 'I grupa', en: 'Group I' },
        II: { lv: 'II grupa', en: 'Group II' },
        III: { lv: 'III grupa', en: 'Group III' },
      },
      labels: { lv: 'Invaliditātes grupa', en: 'Disability group' },
    },
    {
      key: 'disability.child',
      type: 'boolean',
      labels: {
        lv: 'Bērns ar invaliditāti (līdz 18 gadiem)',
        en: 'Child with a disability (under 18)',
      },
    },
    {
      key: 'status.orphan',
      type: 'boolean',
      labels: {
        lv: 'Bārenis vai bez vecāku gādības palicis bērns',
        en: 'Orphan or child left without parental care',
      },
    },
    {
      key: 'status.repressed',
      type: 'boolean',
      labels: { lv: 'Politiski represēta persona', en: 'Politically repressed person' },
    },
    {
      key: 'family.honour_card',
      type: 'string',
      maxLength: 40,
      labels: {
        lv: 'Goda ģimenes apliecības numurs',
        en: 'Honour Family (Goda ģimene) card number',
      },
    },
    {
      key: 'pension.old_age',
      type: 'boolean',
      labels: { lv: 'Vecuma pensijas saņēmējs', en: 'Old-age pensioner' },
    },
  ],
  connectors: [
    {
      // An example: reads a JSON feed standing in for the disability decisions register.
      key: 'welfare.disability_decisions_example',
      label: 'welfare.connectors.disability_decisions_example',
      handler: () => import('./app/connectors/disability_decisions_example.js'),
    },
  ],
  permissions: [
    {
      key: 'welfare.attributes.view',
      label: 'welfare.permissions.attributes_view',
      roles: ['tenant_admin', 'benefit_manager', 'analyst', 'auditor'],
    },
  ],
  navigation: [
    { label: 'welfare.nav.index', route: 'welfare.index', permission: 'welfare.attributes.view' },
  ],
  attributesPage: { permission: 'welfare.attributes.view' },
})
