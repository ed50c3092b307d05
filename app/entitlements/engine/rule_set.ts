import {
  checkRule,
  compileRuleSet,
  type CompiledRuleSet,
  type AttributeDefinition,
  type CalendarDate,
  type CheckedRule,
  type RuleFunctionDefinition,
  type RuleNode,
} from '#eligibility/main'
import type { Sql } from '#entitlements/engine/sql'

/** What rules may refer to, beside the tenant's groups. */
export interface RuleCatalogue {
  attributes: readonly AttributeDefinition[]
  functions?: readonly RuleFunctionDefinition[]
  identifierTypes?: readonly string[]
}

/** One benefit version the engine evaluates. */
export interface VersionEntry {
  versionId: number
  benefitId: number
  tenantId: number
  benefitCode: string
  version: number
  status: string
  effectiveFrom: CalendarDate
  effectiveTo: CalendarDate | null
  /** Group keys qualified by tenant (`<tenantId>:<key>`), rule groups expanded. */
  checked: CheckedRule
  /** The same rule with the tenant's own group keys, for explanations. */
  local: CheckedRule
  /** Qualified keys of the list groups the rule reads: entitlements through them are `list`. */
  listGroups: string[]
}

export interface LoadedRuleSet {
  entries: VersionEntry[]
  compiled: CompiledRuleSet
  /** The first day any of the versions is in effect: the engine evaluates from there on. */
  start: CalendarDate
  /** Versions whose rule no longer checks (e.g. a group was deleted), with the first error. */
  skipped: { versionId: number; error: string }[]
}

interface GroupRow {
  tenant_id: number
  key: string
  kind: 'rule' | 'list'
  rule: string | null
}

export interface VersionRow {
  id: number
  benefit_id: number
  tenant_id: number
  code: string
  version: number
  status: string
  effective_from: CalendarDate
  effective_to: CalendarDate | null
  rule: string
}

const MAX_GROUP_DEPTH = 4

/** A copy of the tree with group references resolved for the engine (see VersionEntry). */
function resolveGroups(
  node: RuleNode,
  groups: Map<string, GroupRow>,
  check: (source: string) => CheckedRule | null,
  qualify: (key: string) => string,
  depth = 0
): RuleNode {
  const walk = (child: RuleNode) => resolveGroups(child, groups, check, qualify, depth)
  switch (node.kind) {
    case 'in_group': {
      const group = groups.get(node.group)
      if (group?.kind === 'rule' && group.rule && depth < MAX_GROUP_DEPTH) {
        const checked = check(group.rule)
        if (checked) return resolveGroups(checked.ast, groups, check, qualify, depth + 1)
        return { kind: 'literal', type: { kind: 'bool' }, value: false, pos: node.pos }
      }
      return { ...node, group: qualify(node.group) }
    }
    case 'and':
    case 'or':
      return { ...node, args: node.args.map(walk) }
    case 'not':
      return { ...node, arg: walk(node.arg) }
    case 'compare':
      return { ...node, left: walk(node.left), right: walk(node.right) }
    case 'in':
      return { ...node, needle: walk(node.needle), list: walk(node.list) }
    case 'choice':
      return {
        ...node,
        test: walk(node.test),
        then: walk(node.then),
        otherwise: walk(node.otherwise),
      }
    case 'call':
      return { ...node, args: node.args.map(walk) }
    default:
      return node
  }
}

function collect(node: RuleNode, into: { attributes: Set<string>; groups: Set<string> }) {
  if (node.kind === 'fact' || node.kind === 'holds') into.attributes.add(node.attribute)
  if (node.kind === 'in_group') into.groups.add(node.group)
  const children: RuleNode[] =
    node.kind === 'and' || node.kind === 'or' || node.kind === 'call'
      ? node.args
      : node.kind === 'not'
        ? [node.arg]
        : node.kind === 'compare'
          ? [node.left, node.right]
          : node.kind === 'in'
            ? [node.needle, node.list]
            : node.kind === 'choice'
              ? [node.test, node.then, node.otherwise]
              : node.kind === 'list'
                ? node.items
                : []
  for (const child of children) collect(child, into)
}

function rebuilt(base: CheckedRule, ast: RuleNode, catalogue: RuleCatalogue): CheckedRule {
  const used = { attributes: new Set<string>(), groups: new Set<string>() }
  collect(ast, used)
  const attributes = { ...base.attributes }
  for (const key of used.attributes) {
    const definition = catalogue.attributes.find((attribute) => attribute.key === key)
    if (definition) attributes[key] = definition
  }
  return {
    ...base,
    ast,
    attributes,
    references: {
      ...base.references,
      attributes: [...used.attributes].sort(),
      groups: [...used.groups].sort(),
    },
  }
}

/** The published versions, whatever their effective period (a past one still dates history). */
export async function publishedVersions(sql: Sql): Promise<VersionRow[]> {
  const result = await sql.query<VersionRow>(
    `SELECT v.id, v.benefit_id, v.tenant_id, b.code, v.version, v.status,
            v.effective_from::text AS effective_from, v.effective_to::text AS effective_to, v.rule
       FROM benefit_versions v JOIN benefits b ON b.id = v.benefit_id
      WHERE v.status = 'published'
      ORDER BY v.tenant_id, b.code, v.version`
  )
  return result.rows
}

/**
 * Checks the versions' rules against the catalogue and their tenant's groups, resolves group
 * references, and compiles all of them into one rule set (compiled once per run).
 */
export async function buildRuleSet(
  sql: Sql,
  versions: VersionRow[],
  catalogue: RuleCatalogue
): Promise<LoadedRuleSet> {
  const tenantIds = [...new Set(versions.map((version) => version.tenant_id))]
  const groupResult = tenantIds.length
    ? await sql.query<GroupRow>(
        'SELECT tenant_id, key, kind, rule FROM person_groups WHERE tenant_id = ANY($1::int[])',
        [tenantIds]
      )
    : { rows: [] as GroupRow[] }
  const groupRows = groupResult.rows
  const byTenant = new Map<number, Map<string, GroupRow>>()
  for (const row of groupRows) {
    if (!byTenant.has(row.tenant_id)) byTenant.set(row.tenant_id, new Map())
    byTenant.get(row.tenant_id)!.set(row.key, row)
  }

  const entries: VersionEntry[] = []
  const skipped: LoadedRuleSet['skipped'] = []
  for (const row of versions) {
    const groups = byTenant.get(row.tenant_id) ?? new Map<string, GroupRow>()
    const context = {
      attributes: catalogue.attributes,
      groups: [...groups.keys()],
      identifierTypes: catalogue.identifierTypes,
      functions: catalogue.functions,
    }
    const checked = checkRule(row.rule, context)
    if (!checked.ok) {
      skipped.push({ versionId: row.id, error: checked.errors[0]?.message.en ?? 'invalid rule' })
      continue
    }
    const check = (source: string) => {
      const result = checkRule(source, context)
      return result.ok ? result : null
    }
    const qualified = rebuilt(
      checked,
      resolveGroups(checked.ast, groups, check, (key) => `${row.tenant_id}:${key}`),
      catalogue
    )
    const local = rebuilt(
      checked,
      resolveGroups(checked.ast, groups, check, (key) => key),
      catalogue
    )
    entries.push({
      versionId: row.id,
      benefitId: row.benefit_id,
      tenantId: row.tenant_id,
      benefitCode: row.code,
      version: row.version,
      status: row.status,
      effectiveFrom: row.effective_from,
      effectiveTo: row.effective_to,
      checked: qualified,
      local,
      listGroups: qualified.references.groups,
    })
  }
  let start = entries[0]?.effectiveFrom ?? '9999-12-31'
  for (const entry of entries) if (entry.effectiveFrom < start) start = entry.effectiveFrom
  return {
    entries,
    compiled: compileRuleSet(entries.map((entry) => entry.checked)),
    start,
    skipped,
  }
}

/** The published versions, compiled. */
export async function loadRuleSet(sql: Sql, catalogue: RuleCatalogue) {
  return buildRuleSet(sql, await publishedVersions(sql), catalogue)
}
