import { coreAttributes } from '#platform/plugins/registry'
import {
  scenarioPersonFacts,
  type ScenarioPerson,
  type AttributeDefinition,
  type RuleContext,
} from '#eligibility/main'

const label = (text: string) => ({ lv: text, en: text })

/** The attribute catalogue (docs/contracts.md, "Attribute catalogue"), as core and the plugins declare it. */
export const attributes: AttributeDefinition[] = [
  ...coreAttributes,
  { key: 'disability.group', type: 'enum', values: ['I', 'II', 'III'], labels: label('Group') },
  { key: 'disability.child', type: 'boolean', labels: label('Child with a disability') },
  { key: 'status.orphan', type: 'boolean', labels: label('Orphan') },
  { key: 'status.repressed', type: 'boolean', labels: label('Repressed') },
  { key: 'family.honour_card', type: 'string', labels: label('Honour card') },
  { key: 'pension.old_age', type: 'boolean', labels: label('Pensioner') },
  {
    key: 'education.level',
    type: 'enum',
    values: ['preschool', 'basic', 'secondary', 'vocational', 'higher'],
    labels: label('Level'),
  },
  { key: 'education.grade', type: 'integer', min: 1, max: 12, labels: label('Grade') },
  { key: 'education.school', type: 'string', labels: label('School') },
  { key: 'employment.since', type: 'date', labels: label('Employed since') },
]

export const context: RuleContext = {
  attributes,
  groups: ['riga_pupils', 'riga_family_support', 'welfare_staff'],
}

export const byKey = Object.fromEntries(attributes.map((attribute) => [attribute.key, attribute]))

/** A person as in a scenario (facts without dates hold since ever). */
export function person(data: Omit<ScenarioPerson, 'name' | 'expected'>) {
  return scenarioPersonFacts({ name: 'test', expected: true, ...data }, byKey)
}
