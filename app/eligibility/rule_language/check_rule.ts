/*
| MINIMAL STAND-IN written by the catalogue branch until the rule-language
| branch lands its real checker at this path (the lead replaces this file at
| merge). It parses with @bufbuild/cel, reports syntax errors with line and
| column, and rejects unknown identifiers, functions, attributes, groups and
| identifier types. It does not type-check.
*/
import { parse } from '@bufbuild/cel'
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js'

export interface RuleCheckEnvironment {
  attributes: readonly { key: string }[]
  groups: readonly string[]
  identifierTypes?: readonly string[]
  functions?: readonly { key: string }[]
}

export interface RuleCheckError {
  line: number
  column: number
  code: string
  message: { lv: string; en: string }
}

export interface RuleReferences {
  attributes: string[]
  groups: string[]
  identifierTypes: string[]
  functions: string[]
}

export type RuleCheckResult =
  { ok: true; ast: Expr; references: RuleReferences } | { ok: false; errors: RuleCheckError[] }

const VARIABLES = ['age', 'municipality', 'birth_date', 'today']
const RULE_FUNCTIONS = ['fact', 'holds', 'in_group', 'has_identifier', 'age_at', 'valid_on']
const CEL_BUILTINS = [
  'size',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
  'int',
  'uint',
  'double',
  'string',
  'bool',
  'timestamp',
  'duration',
  'has',
]

function position(source: string, offset: number) {
  const before = source.slice(0, Math.max(0, offset))
  const lines = before.split('\n')
  return { line: lines.length, column: lines[lines.length - 1].length + 1 }
}

function syntaxError(source: string, error: unknown): RuleCheckError {
  const err = error as { message?: string; location?: { start?: { line: number; column: number } } }
  let line = err.location?.start?.line
  let column = err.location?.start?.column
  const match = /:(\d+):(\d+):/.exec(err.message ?? '')
  if ((!line || !column) && match) {
    line = Number(match[1])
    column = Number(match[2])
  }
  const detail = (err.message ?? '').replace(/^<input>:\d+:\d+:\s*/, '')
  void source
  return {
    line: line ?? 1,
    column: column ?? 1,
    code: 'syntax',
    message: {
      lv: `Sintakses kļūda: ${detail}`,
      en: `Syntax error: ${detail}`,
    },
  }
}

export function checkRule(source: string, env: RuleCheckEnvironment): RuleCheckResult {
  if (source.trim() === '') {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          code: 'empty',
          message: { lv: 'Noteikums ir tukšs.', en: 'The rule is empty.' },
        },
      ],
    }
  }
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(source)
  } catch (error) {
    return { ok: false, errors: [syntaxError(source, error)] }
  }

  const attributes = new Set(env.attributes.map((a) => a.key))
  const groups = new Set(env.groups)
  const identifierTypes = new Set(env.identifierTypes ?? [])
  const functions = new Set([
    ...RULE_FUNCTIONS,
    ...CEL_BUILTINS,
    ...(env.functions ?? []).map((f) => f.key),
  ])
  const positions = parsed.sourceInfo?.positions ?? {}
  const errors: RuleCheckError[] = []
  const references: RuleReferences = {
    attributes: [],
    groups: [],
    identifierTypes: [],
    functions: [],
  }
  const at = (expr: Expr) => position(source, Number(positions[String(expr.id)] ?? 0))
  const report = (expr: Expr, code: string, lv: string, en: string) =>
    errors.push({ ...at(expr), code, message: { lv, en } })
  const add = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value)
  }

  const dottedPath = (expr: Expr): string | null => {
    if (expr.exprKind.case === 'identExpr') return expr.exprKind.value.name
    if (expr.exprKind.case === 'selectExpr') {
      const head = expr.exprKind.value.operand ? dottedPath(expr.exprKind.value.operand) : null
      return head ? `${head}.${expr.exprKind.value.field}` : null
    }
    return null
  }

  const stringArg = (expr: Expr | undefined) =>
    expr?.exprKind.case === 'constExpr' && expr.exprKind.value.constantKind.case === 'stringValue'
      ? expr.exprKind.value.constantKind.value
      : null

  const walk = (expr: Expr | undefined, scope: Set<string>): void => {
    if (!expr) return
    const kind = expr.exprKind
    switch (kind.case) {
      case 'identExpr': {
        const name = kind.value.name
        if (!VARIABLES.includes(name) && !scope.has(name)) {
          report(
            expr,
            'unknown_identifier',
            `Nezināms nosaukums “${name}”.`,
            `Unknown name “${name}”.`
          )
        }
        return
      }
      case 'selectExpr': {
        const path = dottedPath(expr)
        if (path && attributes.has(path)) {
          add(references.attributes, path)
          return
        }
        if (path && !scope.has(path.split('.')[0])) {
          report(
            expr,
            'unknown_attribute',
            `Nezināms atribūts “${path}”.`,
            `Unknown attribute “${path}”.`
          )
          return
        }
        walk(kind.value.operand, scope)
        return
      }
      case 'callExpr': {
        const name = kind.value.function
        const isOperator = /^[_@!-]/.test(name)
        if (!isOperator) {
          if (!functions.has(name)) {
            report(
              expr,
              'unknown_function',
              `Nezināma funkcija “${name}”.`,
              `Unknown function “${name}”.`
            )
          } else {
            add(references.functions, name)
          }
          const first = stringArg(kind.value.args[0])
          if (name === 'fact' || name === 'holds' || name === 'valid_on') {
            if (first === null || !attributes.has(first)) {
              report(
                kind.value.args[0] ?? expr,
                'unknown_attribute',
                `Nezināms atribūts “${first ?? '?'}”.`,
                `Unknown attribute “${first ?? '?'}”.`
              )
            } else add(references.attributes, first)
          }
          if (name === 'in_group') {
            if (first === null || !groups.has(first)) {
              report(
                kind.value.args[0] ?? expr,
                'unknown_group',
                `Nezināma personu grupa “${first ?? '?'}”.`,
                `Unknown person group “${first ?? '?'}”.`
              )
            } else add(references.groups, first)
          }
          if (name === 'has_identifier') {
            if (first === null || !identifierTypes.has(first)) {
              report(
                kind.value.args[0] ?? expr,
                'unknown_identifier_type',
                `Nezināms identifikācijas līdzekļa veids “${first ?? '?'}”.`,
                `Unknown identification means type “${first ?? '?'}”.`
              )
            } else add(references.identifierTypes, first)
          }
        }
        walk(kind.value.target, scope)
        for (const arg of kind.value.args) walk(arg, scope)
        return
      }
      case 'listExpr':
        for (const element of kind.value.elements) walk(element, scope)
        return
      case 'structExpr':
        for (const entry of kind.value.entries) {
          if (entry.keyKind.case === 'mapKey') walk(entry.keyKind.value, scope)
          walk(entry.value, scope)
        }
        return
      case 'comprehensionExpr': {
        const inner = new Set([...scope, kind.value.iterVar, kind.value.accuVar])
        walk(kind.value.iterRange, scope)
        walk(kind.value.accuInit, inner)
        walk(kind.value.loopCondition, inner)
        walk(kind.value.loopStep, inner)
        walk(kind.value.result, inner)
        return
      }
      default:
        return
    }
  }
  walk(parsed.expr, new Set())
  return errors.length ? { ok: false, errors } : { ok: true, ast: parsed.expr, references }
}
