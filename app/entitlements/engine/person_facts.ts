import { USABLE_IDENTIFIER_STATUSES } from '#platform/identifiers/identifier_types'
import {
  typedFactValue,
  type AttributeDefinition,
  type CalendarDate,
  type FactPeriod,
  type Period,
  type PersonFacts,
} from '#eligibility/main'
import type { Sql } from '#entitlements/engine/sql'

/** A person as the engine sees them: register id, keyed code hash and the facts view. */
export interface EnginePerson {
  id: number
  codeHash: string
  facts: PersonFacts
  /** Register fact ids by attribute, parallel to `facts.facts`, for explanations. */
  factIds: Map<string, number[]>
}

/** Which persons a load covers: an id range (full runs) or a list of ids (incremental runs). */
export type PersonScope = { fromId: number; toId: number } | { ids: number[] }

export function scopeCondition(column: string, scope: PersonScope, firstParam: number) {
  return 'ids' in scope
    ? { text: `${column} = ANY($${firstParam}::bigint[])`, values: [scope.ids] as unknown[] }
    : {
        text: `${column} BETWEEN $${firstParam} AND $${firstParam + 1}`,
        values: [scope.fromId, scope.toId] as unknown[],
      }
}

export interface LoadOptions {
  attributes: Map<string, AttributeDefinition>
  /** data_sources.id → code, shown as a fact's source. */
  sources: Map<number, string>
  /** Whether the register has a person_identifiers table (added by the import). */
  identifiers: boolean
  /** When given, only these group keys (qualified) are loaded. */
  tenantFilter?: number
  /** Group keys without the tenant prefix (explanations for one tenant). */
  localGroups?: boolean
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Facts, memberships and identifiers of the persons in scope, ordered by id. */
export async function loadPersons(
  sql: Sql,
  scope: PersonScope,
  options: LoadOptions
): Promise<EnginePerson[]> {
  const where = scopeCondition('id', scope, 1)
  const personRows = await sql.query<[string, string, string, string | null]>({
    text: `SELECT id, code_hash, birth_date::text, death_date::text FROM persons WHERE ${where.text} ORDER BY id`,
    values: where.values,
    rowMode: 'array',
  })
  const persons: EnginePerson[] = []
  const byId = new Map<number, EnginePerson>()
  for (const [id, codeHash, birthDate, deathDate] of personRows.rows) {
    const person: EnginePerson = {
      id: Number(id),
      codeHash,
      facts: {
        birthDate,
        deathDate,
        facts: new Map(),
        groups: new Map(),
        identifiers: new Map(),
      },
      factIds: new Map(),
    }
    persons.push(person)
    byId.set(person.id, person)
  }
  if (persons.length === 0) return persons

  const factWhere = scopeCondition('person_id', scope, 1)
  const factRows = await sql.query<
    [string, string, string, CalendarDate, CalendarDate | null, number, string]
  >({
    text: `SELECT person_id, attribute, value, valid_from::text, valid_to::text, data_source_id, id
             FROM facts WHERE ${factWhere.text} AND retracted_at IS NULL
            ORDER BY person_id, id`,
    values: factWhere.values,
    rowMode: 'array',
  })
  for (const [personId, attribute, raw, from, to, sourceId, factId] of factRows.rows) {
    const person = byId.get(Number(personId))
    if (!person) continue
    const value = typedFactValue(options.attributes.get(attribute), raw)
    if (value === undefined) continue
    const fact: FactPeriod = { value, from, to, source: options.sources.get(sourceId) }
    push(person.facts.facts, attribute, fact)
    push(person.factIds, attribute, Number(factId))
  }

  const memberWhere = scopeCondition('p.id', scope, 1)
  const tenantFilter =
    options.tenantFilter !== undefined ? `AND g.tenant_id = ${Number(options.tenantFilter)}` : ''
  const memberRows = await sql.query<[string, number, string, CalendarDate, CalendarDate | null]>({
    text: `SELECT p.id, g.tenant_id, g.key, m.valid_from::text, m.valid_to::text
             FROM person_group_members m
             JOIN person_groups g ON g.id = m.group_id AND g.kind = 'list' ${tenantFilter}
             JOIN persons p ON p.code_hash = m.person_code_hash
            WHERE ${memberWhere.text}`,
    values: memberWhere.values,
    rowMode: 'array',
  })
  for (const [personId, tenantId, key, from, to] of memberRows.rows) {
    const person = byId.get(Number(personId))
    if (!person) continue
    const period: Period = { from, to }
    push(person.facts.groups, options.localGroups ? key : `${tenantId}:${key}`, period)
  }

  if (options.identifiers) {
    const idWhere = scopeCondition('person_id', scope, 1)
    const identifierRows = await sql.query<[string, string, CalendarDate, CalendarDate | null]>({
      text: `SELECT person_id, type, valid_from::text, valid_to::text FROM person_identifiers
              WHERE ${idWhere.text} AND retracted_at IS NULL AND status = ANY($${idWhere.values.length + 1}::text[])`,
      values: [...idWhere.values, [...USABLE_IDENTIFIER_STATUSES]],
      rowMode: 'array',
    })
    for (const [personId, type, from, to] of identifierRows.rows) {
      const person = byId.get(Number(personId))
      if (person) push(person.facts.identifiers, type, { from, to })
    }
  }
  return persons
}

/** What a load needs to know about the register, read once per run. */
export async function registerContext(
  sql: Sql,
  attributes: readonly AttributeDefinition[]
): Promise<Omit<LoadOptions, 'tenantFilter' | 'localGroups'>> {
  const sources = await sql.query<{ id: number; code: string }>('SELECT id, code FROM data_sources')
  const table = await sql.query<{ exists: boolean }>(
    "SELECT to_regclass('person_identifiers') IS NOT NULL AS exists"
  )
  return {
    attributes: new Map(attributes.map((attribute) => [attribute.key, attribute])),
    sources: new Map(sources.rows.map((row) => [row.id, row.code])),
    identifiers: table.rows[0]?.exists === true,
  }
}
