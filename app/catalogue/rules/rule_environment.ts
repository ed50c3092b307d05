import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { registries } from '#platform/plugins/registry'
import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import type { RuleEnvironment } from '#catalogue/rules/rule_checker'

/**
 * What a tenant's rules may refer to: the attribute catalogue, its own groups, identifier types.
 * Inside a transaction pass its client: the embedded database serves one connection at a time.
 */
export async function ruleEnvironment(
  tenantId: number,
  client: QueryClientContract = db.connection()
): Promise<RuleEnvironment> {
  const groups = await client.from('person_groups').where('tenant_id', tenantId).select('key')
  return {
    attributes: registries.attributes.all(),
    groups: groups.map((row) => row.key as string),
    identifierTypes: [...IDENTIFIER_TYPES],
    functions: registries.ruleFunctions.all(),
  }
}
