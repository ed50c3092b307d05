import db from '@adonisjs/lucid/services/db'
import { registries } from '#platform/plugins/registry'
import { IDENTIFIER_TYPES } from '#catalogue/catalogue_options'
import type { RuleEnvironment } from '#catalogue/rules/rule_checker'

/** What a tenant's rules may refer to: the attribute catalogue, its own groups, identifier types. */
export async function ruleEnvironment(tenantId: number): Promise<RuleEnvironment> {
  const groups = await db.from('person_groups').where('tenant_id', tenantId).select('key')
  return {
    attributes: registries.attributes.all(),
    groups: groups.map((row) => row.key as string),
    identifierTypes: [...IDENTIFIER_TYPES],
    functions: registries.ruleFunctions.all(),
  }
}
