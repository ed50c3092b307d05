import { IDENTIFIER_TYPES } from '#platform/identifiers/identifier_types'
import { distance } from 'fastest-levenshtein'
import type { Constant, Expr_Call } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js'
import type { Labels } from '#platform/plugins/define_plugin'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import { rulesMessage, typeLabel } from './messages.js'
import { type ParsedExpr, parseRule, positionAt, ruleError } from './parse_rule.js'
import type {
  AttributeDefinition,
  CheckResult,
  CompareOperator,
  RuleContext,
  RuleError,
  RuleErrorCode,
  RuleFunctionDefinition,
  RuleNode,
  RuleType,
  SourcePosition,
} from './types.js'

/** Identifier types of docs/contracts.md ("Identifier types"), used when the caller names none. */
/** Names a rule may use on their own. */
export const RULE_VARIABLES = ['age', 'municipality', 'birth_date'] as const

/** Functions of the profile (plugins add qualified ones, e.g. `education.is_pupil`). */
export const RULE_FUNCTIONS = ['fact', 'holds', 'in_group', 'has_identifier', 'date'] as const

export const MAX_RULE_DEPTH = 100

const MUNICIPALITY_ATTRIBUTE = 'residence.municipality'

const BOOL: RuleType = { kind: 'bool' }
const INT: RuleType = { kind: 'int' }
const STRING: RuleType = { kind: 'string' }
const DATE: RuleType = { kind: 'date' }

const COMPARISONS = new Map<string, CompareOperator>([
  ['_==_', '=='],
  ['_!=_', '!='],
  ['_<_', '<'],
  ['_<=_', '<='],
  ['_>_', '>'],
  ['_>=_', '>='],
])

const ARITHMETIC = new Set(['_+_', '_-_', '_*_', '_/_', '_%_', '-_'])

export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const candidate of candidates) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

export function attributeType(attribute: AttributeDefinition): RuleType {
  switch (attribute.type) {
    case 'enum':
      return { kind: 'enum', attribute: attribute.key, values: attribute.values ?? [] }
    case 'boolean':
      return BOOL
    case 'integer':
      return INT
    case 'date':
      return DATE
    case 'string':
      return STRING
  }
}

function declaredType(type: AttributeDefinition['type']): RuleType {
  switch (type) {
    case 'boolean':
      return BOOL
    case 'integer':
      return INT
    case 'date':
      return DATE
    default:
      return STRING
  }
}

const isText = (type: RuleType) => type.kind === 'string' || type.kind === 'enum'

/** Whether values of the two types can be compared for equality. */
function compatible(a: RuleType, b: RuleType) {
  return (isText(a) && isText(b)) || (a.kind === b.kind && a.kind !== 'list')
}

function quote(text: string) {
  return `“${text}”`
}

function cel(text: string) {
  return JSON.stringify(text)
}

/** A problem found while checking, with the offset it is about. */
interface Problem {
  offset: number
  code: RuleErrorCode
  params: Record<string, string | number | Labels>
  messageKey?: string
}

class Checker {
  readonly problems: Problem[] = []
  readonly attributes = new Map<string, AttributeDefinition>()
  readonly functions = new Map<string, RuleFunctionDefinition>()
  readonly groups: Set<string>
  readonly identifierTypes: Set<string>
  readonly used = {
    attributes: new Set<string>(),
    groups: new Set<string>(),
    identifiers: new Set<string>(),
    functions: new Set<string>(),
  }

  constructor(
    readonly source: string,
    readonly positions: Record<string, number>,
    context: RuleContext
  ) {
    for (const attribute of context.attributes) this.attributes.set(attribute.key, attribute)
    for (const fn of context.functions ?? []) this.functions.set(fn.key, fn)
    this.groups = new Set(context.groups)
    this.identifierTypes = new Set(context.identifierTypes ?? IDENTIFIER_TYPES)
  }

  /** Where an expression is; operators are placed on their own text, not the space before. */
  offsetOf(expr: ParsedExpr) {
    let offset = this.positions[String(expr.id)] ?? 0
    while (offset < this.source.length && /\s/.test(this.source[offset])) offset++
    return offset
  }

  pos(offset: number): SourcePosition {
    return positionAt(this.source, offset)
  }

  fail(
    offset: number,
    code: RuleErrorCode,
    params: Problem['params'] = {},
    messageKey?: string
  ): null {
    this.problems.push({ offset, code, params, messageKey })
    return null
  }

  unknown(offset: number, code: RuleErrorCode, name: string, candidates: Iterable<string>): null {
    const suggestion = suggest(name, candidates)
    if (suggestion === undefined) return this.fail(offset, code, { name: quote(name) })
    return this.fail(
      offset,
      code,
      { name: quote(name), suggestion: quote(suggestion) },
      `${code}_suggestion`
    )
  }

  unsupported(offset: number, thing: string): null {
    return this.fail(offset, 'unsupported_expression', { what: rulesMessage(`things.${thing}`) })
  }

  mismatch(offset: number, expected: RuleType | Labels, actual: RuleType): null {
    const expectedLabel = 'kind' in expected ? typeLabel(expected as RuleType) : expected
    return this.fail(offset, 'type_mismatch', {
      expected: expectedLabel as Labels,
      actual: typeLabel(actual),
    })
  }

  check(expr: ParsedExpr, depth: number): RuleNode | null {
    const offset = this.offsetOf(expr)
    if (depth > MAX_RULE_DEPTH) {
      return this.fail(offset, 'too_deeply_nested', { max: MAX_RULE_DEPTH })
    }
    const kind = expr.exprKind
    switch (kind.case) {
      case 'constExpr':
        return this.constant(kind.value.constantKind, offset)
      case 'identExpr':
        return this.ident(kind.value.name, offset)
      case 'selectExpr': {
        const dotted = this.dottedName(expr)
        if (dotted === null || kind.value.testOnly) return this.unsupported(offset, 'field_access')
        const start = this.startOf(expr)
        const attribute = this.attributes.get(dotted)
        if (attribute) {
          const fn = attribute.type === 'boolean' ? 'holds' : 'fact'
          return this.fail(
            start,
            'unknown_name',
            { name: quote(dotted), suggestion: quote(`${fn}(${cel(dotted)})`) },
            'unknown_name_suggestion'
          )
        }
        return this.unknown(start, 'unknown_name', dotted, [
          ...RULE_VARIABLES,
          ...this.attributes.keys(),
        ])
      }
      case 'listExpr':
        return this.unsupported(offset, 'list')
      case 'structExpr':
        return this.unsupported(offset, kind.value.messageName ? 'message' : 'map')
      case 'comprehensionExpr':
        return this.unsupported(offset, 'comprehension')
      case 'callExpr':
        return this.call(expr, kind.value, offset, depth)
      default:
        return this.unsupported(offset, 'operator')
    }
  }

  /** The offset of the leftmost character of an expression. */
  startOf(expr: ParsedExpr): number {
    let start = this.offsetOf(expr)
    const kind = expr.exprKind
    if (kind.case === 'selectExpr' && kind.value.operand) {
      start = Math.min(start, this.startOf(kind.value.operand))
    } else if (kind.case === 'callExpr') {
      if (kind.value.target) start = Math.min(start, this.startOf(kind.value.target))
      for (const arg of kind.value.args) start = Math.min(start, this.startOf(arg))
    }
    return start
  }

  dottedName(expr: ParsedExpr): string | null {
    const kind = expr.exprKind
    if (kind.case === 'identExpr') return kind.value.name
    if (kind.case === 'selectExpr' && kind.value.operand) {
      const operand = this.dottedName(kind.value.operand)
      return operand === null ? null : `${operand}.${kind.value.field}`
    }
    return null
  }

  constant(constant: Constant['constantKind'], offset: number): RuleNode | null {
    const pos = this.pos(offset)
    switch (constant.case) {
      case 'int64Value': {
        const value = Number(constant.value)
        if (!Number.isSafeInteger(value)) {
          return this.fail(offset, 'number_too_large', { value: String(constant.value) })
        }
        return { kind: 'literal', type: INT, value, pos }
      }
      case 'stringValue':
        return { kind: 'literal', type: STRING, value: constant.value, pos }
      case 'boolValue':
        return { kind: 'literal', type: BOOL, value: constant.value, pos }
      case 'doubleValue':
        return this.unsupported(offset, 'double')
      case 'uint64Value':
        return this.unsupported(offset, 'unsigned')
      case 'bytesValue':
        return this.unsupported(offset, 'bytes')
      case 'nullValue':
        return this.unsupported(offset, 'null')
      default:
        return this.unsupported(offset, 'operator')
    }
  }

  ident(name: string, offset: number): RuleNode | null {
    const pos = this.pos(offset)
    if (name === 'age') return { kind: 'age', type: INT, pos }
    if (name === 'birth_date') return { kind: 'birth_date', type: DATE, pos }
    if (name === 'municipality' && this.attributes.has(MUNICIPALITY_ATTRIBUTE)) {
      const attribute = this.attributes.get(MUNICIPALITY_ATTRIBUTE)!
      this.used.attributes.add(MUNICIPALITY_ATTRIBUTE)
      return {
        kind: 'fact',
        type: attributeType(attribute),
        attribute: attribute.key,
        alias: 'municipality',
        pos,
      }
    }
    const attribute = this.attributes.get(name)
    if (attribute) {
      const fn = attribute.type === 'boolean' ? 'holds' : 'fact'
      return this.fail(
        offset,
        'unknown_name',
        { name: quote(name), suggestion: quote(`${fn}(${cel(name)})`) },
        'unknown_name_suggestion'
      )
    }
    return this.unknown(offset, 'unknown_name', name, RULE_VARIABLES)
  }

  call(expr: ParsedExpr, call: Expr_Call, offset: number, depth: number): RuleNode | null {
    const name = call.function
    if (name === '_&&_' || name === '_||_') return this.logical(expr, call, depth)
    if (name === '!_') {
      const arg = this.check(call.args[0], depth + 1)
      if (!arg) return null
      if (arg.type.kind !== 'bool') return this.mismatch(this.startOf(call.args[0]), BOOL, arg.type)
      return { kind: 'not', type: BOOL, arg, pos: this.pos(offset) }
    }
    const comparison = COMPARISONS.get(name)
    if (comparison) return this.compare(expr, call, comparison, depth)
    if (name === '@in') return this.membership(expr, call, depth)
    if (name === '_?_:_') return this.choice(expr, call, depth)
    if (ARITHMETIC.has(name)) return this.unsupported(offset, 'arithmetic')
    if (name === '_[_]') return this.unsupported(offset, 'index')
    if (name.startsWith('_') || name.startsWith('@') || name.startsWith('!')) {
      return this.unsupported(offset, 'operator')
    }

    let qualified = name
    if (call.target) {
      const target = this.dottedName(call.target)
      if (target === null)
        return this.unknown(offset, 'unknown_function', name, this.functionNames())
      qualified = `${target}.${name}`
    }
    const start = this.startOf(expr)
    const builtIn = !call.target && (RULE_FUNCTIONS as readonly string[]).includes(name)
    if (builtIn) return this.builtIn(name, call.args, start, depth)
    const plugin = this.functions.get(qualified)
    if (!plugin) return this.unknown(start, 'unknown_function', qualified, this.functionNames())
    return this.pluginCall(plugin, call.args, start, depth)
  }

  functionNames() {
    return [...RULE_FUNCTIONS, ...this.functions.keys()]
  }

  arity(name: string, args: ParsedExpr[], expected: number, offset: number) {
    if (args.length === expected) return true
    this.fail(offset, 'wrong_arity', { name: quote(name), expected, actual: args.length })
    return false
  }

  /** The text of a quoted argument, which the built-in functions require. */
  literalArgument(name: string, arg: ParsedExpr, example: string): string | null {
    const kind = arg.exprKind
    if (kind.case === 'constExpr' && kind.value.constantKind.case === 'stringValue') {
      return kind.value.constantKind.value
    }
    this.fail(this.startOf(arg), 'literal_required', {
      name: quote(name),
      example: `${name}(${cel(example)})`,
    })
    return null
  }

  builtIn(name: string, args: ParsedExpr[], start: number, depth: number): RuleNode | null {
    const pos = this.pos(start)
    if (!this.arity(name, args, 1, start)) {
      for (const arg of args) this.check(arg, depth + 1)
      return null
    }
    const arg = args[0]
    const argOffset = this.offsetOf(arg)
    switch (name) {
      case 'fact':
      case 'holds': {
        const key = this.literalArgument(name, arg, 'disability.group')
        if (key === null) return null
        const attribute = this.attributes.get(key)
        if (!attribute) {
          return this.unknown(argOffset, 'unknown_attribute', key, this.attributes.keys())
        }
        this.used.attributes.add(key)
        if (name === 'holds') {
          return {
            kind: 'holds',
            type: BOOL,
            attribute: key,
            boolean: attribute.type === 'boolean',
            pos,
          }
        }
        return { kind: 'fact', type: attributeType(attribute), attribute: key, pos }
      }
      case 'in_group': {
        const group = this.literalArgument(name, arg, 'riga_pupils')
        if (group === null) return null
        if (!this.groups.has(group)) {
          return this.unknown(argOffset, 'unknown_group', group, this.groups)
        }
        this.used.groups.add(group)
        return { kind: 'in_group', type: BOOL, group, pos }
      }
      case 'has_identifier': {
        const type = this.literalArgument(name, arg, 'etalons')
        if (type === null) return null
        if (!this.identifierTypes.has(type)) {
          return this.unknown(argOffset, 'unknown_identifier_type', type, this.identifierTypes)
        }
        this.used.identifiers.add(type)
        return { kind: 'has_identifier', type: BOOL, identifierType: type, pos }
      }
      default: {
        const value = this.literalArgument(name, arg, '2024-05-04')
        if (value === null) return null
        if (!isCalendarDate(value))
          return this.fail(argOffset, 'invalid_date', { value: cel(value) })
        return { kind: 'literal', type: DATE, value, pos }
      }
    }
  }

  pluginCall(
    fn: RuleFunctionDefinition,
    args: ParsedExpr[],
    start: number,
    depth: number
  ): RuleNode | null {
    const checked = args.map((arg) => this.check(arg, depth + 1))
    if (!this.arity(fn.key, args, fn.params.length, start)) return null
    let failed = false
    checked.forEach((node, index) => {
      if (!node) {
        failed = true
        return
      }
      const expected = declaredType(fn.params[index])
      if (!compatible(expected, node.type)) {
        failed = true
        this.mismatch(this.startOf(args[index]), expected, node.type)
      }
    })
    if (failed) return null
    this.used.functions.add(fn.key)
    return {
      kind: 'call',
      type: declaredType(fn.returns),
      fn: fn.key,
      args: checked as RuleNode[],
      pos: this.pos(start),
    }
  }

  logical(expr: ParsedExpr, call: Expr_Call, depth: number): RuleNode | null {
    const kind = call.function === '_&&_' ? 'and' : 'or'
    const args: RuleNode[] = []
    let failed = false
    for (const operand of call.args) {
      const node = this.check(operand, depth + 1)
      if (!node) {
        failed = true
        continue
      }
      if (node.type.kind !== 'bool') {
        failed = true
        this.mismatch(this.startOf(operand), BOOL, node.type)
        continue
      }
      // a && (b && c) is one list of conditions
      if (node.kind === kind) args.push(...node.args)
      else args.push(node)
    }
    if (failed) return null
    return { kind, type: BOOL, args, pos: this.pos(this.startOf(expr)) }
  }

  compare(expr: ParsedExpr, call: Expr_Call, op: CompareOperator, depth: number): RuleNode | null {
    const [leftExpr, rightExpr] = call.args
    const left = this.check(leftExpr, depth + 1)
    const right = this.check(rightExpr, depth + 1)
    if (!left || !right) return null
    const operatorOffset = this.offsetOf(expr)
    if (!compatible(left.type, right.type)) {
      // Blame the fixed value when there is one: that is what the author typed wrong.
      const blameRight = right.kind === 'literal' || left.kind !== 'literal'
      const [blamed, other, blamedExpr] = blameRight
        ? [right, left, rightExpr]
        : [left, right, leftExpr]
      return this.mismatch(this.startOf(blamedExpr), other.type, blamed.type)
    }
    const ordering = op !== '==' && op !== '!='
    if (ordering && left.type.kind !== 'int' && left.type.kind !== 'date') {
      return this.fail(operatorOffset, 'not_comparable', {
        operator: quote(op),
        type: typeLabel(left.type),
      })
    }
    const checkRange = !ordering
    if (
      !this.allowedValue(left, right, checkRange) ||
      !this.allowedValue(right, left, checkRange)
    ) {
      return null
    }
    return {
      kind: 'compare',
      type: BOOL,
      op,
      left,
      right,
      pos: this.pos(Math.min(operatorOffset, this.startOf(leftExpr))),
    }
  }

  /** An enum compared with a fixed value: the value must be one the attribute allows. */
  allowedValue(subject: RuleNode, value: RuleNode, checkRange = false): boolean {
    if (value.kind !== 'literal') return true
    if (subject.type.kind === 'enum' && typeof value.value === 'string') {
      if (!subject.type.values.includes(value.value)) {
        this.fail(value.pos.offset, 'value_not_allowed', {
          value: cel(value.value),
          attribute: quote(subject.type.attribute),
          allowed: subject.type.values.map(cel).join(', '),
        })
        return false
      }
    }
    if (checkRange && subject.kind === 'fact' && typeof value.value === 'number') {
      const attribute = this.attributes.get(subject.attribute)!
      const below = attribute.min !== undefined && value.value < attribute.min
      const above = attribute.max !== undefined && value.value > attribute.max
      if (below || above) {
        this.fail(value.pos.offset, 'value_out_of_range', {
          value: value.value,
          attribute: quote(attribute.key),
          min: attribute.min ?? '',
          max: attribute.max ?? '',
        })
        return false
      }
    }
    return true
  }

  membership(expr: ParsedExpr, call: Expr_Call, depth: number): RuleNode | null {
    const [needleExpr, listExpr] = call.args
    const needle = this.check(needleExpr, depth + 1)
    if (listExpr.exprKind.case !== 'listExpr') {
      this.check(listExpr, depth + 1)
      return this.fail(this.startOf(listExpr), 'literal_required', {
        name: quote('in'),
        example: '["I", "II"]',
      })
    }
    const items: RuleNode[] = []
    let failed = !needle
    for (const element of listExpr.exprKind.value.elements) {
      const kind = element.exprKind
      if (kind.case === 'constExpr' || this.isDateCall(element)) {
        const item = this.check(element, depth + 2)
        if (!item) {
          failed = true
          continue
        }
        if (needle && !compatible(needle.type, item.type)) {
          failed = true
          this.mismatch(this.offsetOf(element), needle.type, item.type)
          continue
        }
        if (needle && !this.allowedValue(needle, item, true)) {
          failed = true
          continue
        }
        items.push(item)
      } else {
        failed = true
        this.fail(this.startOf(element), 'literal_required', {
          name: quote('in'),
          example: '["I", "II"]',
        })
      }
    }
    if (failed || !needle) return null
    if (needle.type.kind === 'list')
      return this.mismatch(this.startOf(needleExpr), STRING, needle.type)
    const list: RuleNode = {
      kind: 'list',
      type: { kind: 'list', element: needle.type },
      items,
      pos: this.pos(this.offsetOf(listExpr)),
    }
    return {
      kind: 'in',
      type: BOOL,
      needle,
      list,
      pos: this.pos(Math.min(this.offsetOf(expr), this.startOf(needleExpr))),
    }
  }

  isDateCall(expr: ParsedExpr) {
    const kind = expr.exprKind
    return kind.case === 'callExpr' && !kind.value.target && kind.value.function === 'date'
  }

  choice(expr: ParsedExpr, call: Expr_Call, depth: number): RuleNode | null {
    const [testExpr, thenExpr, otherwiseExpr] = call.args
    const test = this.check(testExpr, depth + 1)
    const then = this.check(thenExpr, depth + 1)
    const otherwise = this.check(otherwiseExpr, depth + 1)
    if (!test || !then || !otherwise) return null
    if (test.type.kind !== 'bool') return this.mismatch(this.startOf(testExpr), BOOL, test.type)
    if (!compatible(then.type, otherwise.type) || then.type.kind === 'list') {
      return this.mismatch(this.startOf(otherwiseExpr), then.type, otherwise.type)
    }
    const type = then.type.kind === otherwise.type.kind ? then.type : STRING
    return {
      kind: 'choice',
      type,
      test,
      then,
      otherwise,
      pos: this.pos(this.startOf(expr)),
    }
  }
}

/**
 * Parses and type-checks a rule against the attribute catalogue, the
 * tenant's person groups, the identifier types and the plugins' functions.
 * See `#eligibility/main` for the language itself.
 */
export function checkRule(source: string, context: RuleContext): CheckResult {
  const parsed = parseRule(source)
  if (!parsed.ok) return parsed
  const checker = new Checker(source, parsed.positions, context)
  const ast = checker.check(parsed.expr, 0)
  const errors: RuleError[] = checker.problems
    .sort((a, b) => a.offset - b.offset)
    .map((problem) =>
      ruleError(source, problem.offset, problem.code, problem.params, problem.messageKey)
    )
  if (ast && errors.length === 0 && ast.type.kind !== 'bool') {
    errors.push(
      ruleError(source, checker.startOf(parsed.expr), 'non_boolean_result', {
        actual: typeLabel(ast.type),
      })
    )
  }
  if (!ast || errors.length > 0) return { ok: false, errors }
  const attributes: Record<string, AttributeDefinition> = {}
  for (const key of checker.used.attributes) attributes[key] = checker.attributes.get(key)!
  const functions: Record<string, RuleFunctionDefinition> = {}
  for (const key of checker.used.functions) functions[key] = checker.functions.get(key)!
  return {
    ok: true,
    source,
    ast,
    references: {
      attributes: [...checker.used.attributes].sort(),
      groups: [...checker.used.groups].sort(),
      identifiers: [...checker.used.identifiers].sort(),
      functions: [...checker.used.functions].sort(),
    },
    attributes,
    functions,
  }
}
