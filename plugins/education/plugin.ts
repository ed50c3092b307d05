import vine from '@vinejs/vine'
import { definePlugin } from '#platform/plugins/define_plugin'

export default definePlugin({
  id: 'education',
  version: '0.1.0',
  name: { lv: 'Izglītība', en: 'Education' },
  description: {
    lv: 'Skolēnu un studentu dati: izglītības līmenis, klase un skola.',
    en: 'Pupils and students: level of education, grade and school.',
  },
  coreRange: '>=0.1.0 <1.0.0',
  dependsOn: {},
  database: { migrations: ['database/migrations'], seeders: [] },
  attributes: [
    {
      key: 'education.level',
      type: 'enum',
      values: ['preschool', 'basic', 'secondary', 'vocational', 'higher'],
      valueLabels: {
        preschool: { lv: 'Pirmsskolas', en: 'Pre-school' },
        basic: { lv: 'Pamatizglītība', en: 'Basic' },
        secondary: { lv: 'Vidējā izglītība', en: 'Secondary' },
        vocational: { lv: 'Profesionālā izglītība', en: 'Vocational' },
        higher: { lv: 'Augstākā izglītība', en: 'Higher' },
      },
      labels: { lv: 'Izglītības pakāpe, kurā mācās', en: 'Level of education being attended' },
    },
    {
      key: 'education.grade',
      type: 'integer',
      min: 1,
      max: 12,
      labels: { lv: 'Klase', en: 'Grade' },
    },
    {
      key: 'education.school',
      type: 'string',
      format: 'registration_number',
      labels: {
        lv: 'Izglītības iestādes reģistrācijas numurs',
        en: 'School registration number',
      },
    },
  ],
  benefitFields: [
    {
      key: 'education.school_level',
      label: 'education.benefit_fields.school_level',
      input: 'select',
      options: ['preschool', 'basic', 'secondary', 'vocational', 'higher'],
      schema: vine.enum(['preschool', 'basic', 'secondary', 'vocational', 'higher']).optional(),
    },
  ],
  permissions: [
    {
      key: 'education.attributes.view',
      label: 'education.permissions.attributes_view',
      roles: ['tenant_admin', 'benefit_manager', 'analyst', 'auditor'],
    },
  ],
  navigation: [
    {
      label: 'education.nav.index',
      route: 'education.index',
      permission: 'education.attributes.view',
    },
  ],
  attributesPage: { permission: 'education.attributes.view' },
})
