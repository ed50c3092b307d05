import { parse } from '@bufbuild/cel'
import type { Labels } from '#platform/plugins/define_plugin'
import { rulesMessage } from './messages.js'
import type { RuleError, RuleErrorCode, SourcePosition } from './types.js'

export const MAX_RULE_LENGTH = 10_000

export type ParsedExpr = ReturnType<typeof parse>['expr']

export interface ParsedRule {
  ok: true
  expr: ParsedExpr
  /** Expression id → offset in the source. */
  positions: Record<string, number>
}

/** Maps an offset (UTF-16 code units) to a 1-based line and a 1-based column in characters. */
export function positionAt(source: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, source.length))
  const before = source.slice(0, clamped)
  const lineStart = before.lastIndexOf('\n') + 1
  const line = before.split('\n').length
  const column = [...before.slice(lineStart)].length + 1
  return { offset: clamped, line, column }
}

export function ruleError(
  source: string,
  offset: number,
  code: RuleErrorCode,
  params: Record<string, string | number | Labels> = {},
  messageKey: string = code
): RuleError {
  const { line, column } = positionAt(source, offset)
  return { line, column, code, message: rulesMessage(`errors.${messageKey}`, params) }
}

function quoted(text: string) {
  return `“${text}”`
}

interface Token {
  kind: 'string' | 'number' | 'name' | 'operator' | 'open' | 'close'
  text: string
  start: number
  end: number
}

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '?', ':', '.', ',', '+', '-']
const MORE_OPERATORS = ['*', '/', '%']
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

/**
 * A light scan of the rule text that finds the mistakes people make most
 * (an unclosed quote or bracket, a stray character, a dangling operator) at
 * the exact place they are. The CEL parser reports where its top-level rule
 * stopped, which is often well before the real mistake.
 */
function lexicalError(source: string): RuleError | null {
  const tokens: Token[] = []
  const brackets: Token[] = []
  let i = 0
  while (i < source.length) {
    const char = source[i]
    if (/\s/.test(char)) {
      i++
      continue
    }
    if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++
      continue
    }
    const prefix = /^(?:[rR][bB]?|[bB][rR]?)?(?:"""|'''|"|')/.exec(source.slice(i))
    if (prefix) {
      const quote = prefix[0].replace(/^[rRbB]+/, '')
      const raw = /r/i.test(prefix[0].slice(0, prefix[0].length - quote.length))
      let j = i + prefix[0].length
      let closed = false
      while (j < source.length) {
        if (!raw && source[j] === '\\') {
          j += 2
          continue
        }
        if (quote.length === 1 && source[j] === '\n') break
        if (source.startsWith(quote, j)) {
          closed = true
          j += quote.length
          break
        }
        j++
      }
      if (!closed) return ruleError(source, i, 'unterminated_string')
      tokens.push({ kind: 'string', text: source.slice(i, j), start: i, end: j })
      i = j
      continue
    }
    const number = /^(?:0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)[uU]?/.exec(source.slice(i))
    if (number) {
      tokens.push({ kind: 'number', text: number[0], start: i, end: i + number[0].length })
      i += number[0].length
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))
    if (name) {
      const kind = name[0] === 'in' ? 'operator' : 'name'
      tokens.push({ kind, text: name[0], start: i, end: i + name[0].length })
      i += name[0].length
      continue
    }
    if ('([{'.includes(char)) {
      const token: Token = { kind: 'open', text: char, start: i, end: i + 1 }
      tokens.push(token)
      brackets.push(token)
      i++
      continue
    }
    if (char in CLOSING) {
      const open = brackets.pop()
      if (!open || open.text !== CLOSING[char]) {
        return ruleError(source, i, 'unexpected_bracket', { found: quoted(char) })
      }
      tokens.push({ kind: 'close', text: char, start: i, end: i + 1 })
      i++
      continue
    }
    const operator = [...OPERATORS, ...MORE_OPERATORS].find((op) => source.startsWith(op, i))
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, start: i, end: i + operator.length })
      i += operator.length
      continue
    }
    const codePoint = String.fromCodePoint(source.codePointAt(i)!)
    return ruleError(source, i, 'unexpected_character', { found: quoted(codePoint) })
  }
  if (brackets.length > 0) {
    const open = brackets[brackets.length - 1]
    return ruleError(source, open.start, 'unclosed_bracket', { found: quoted(open.text) })
  }
  const last = tokens[tokens.length - 1]
  if (last && (last.kind === 'operator' || last.kind === 'open')) {
    return ruleError(source, last.end, 'unexpected_end', { found: quoted(last.text) })
  }
  return null
}

interface PeggyLocation {
  start: { offset: number }
}

/** Parses the rule text with the standard CEL parser; errors carry their line and column. */
export function parseRule(source: string): ParsedRule | { ok: false; errors: RuleError[] } {
  if (source.length > MAX_RULE_LENGTH) {
    return {
      ok: false,
      errors: [ruleError(source, MAX_RULE_LENGTH, 'rule_too_long', { max: MAX_RULE_LENGTH })],
    }
  }
  if (source.replace(/\/\/[^\n]*/g, '').trim() === '') {
    return { ok: false, errors: [ruleError(source, 0, 'empty_rule')] }
  }
  try {
    const parsed = parse(source)
    const positions: Record<string, number> = {}
    for (const [id, offset] of Object.entries(parsed.sourceInfo?.positions ?? {})) {
      positions[id] = Number(offset)
    }
    return { ok: true, expr: parsed.expr, positions }
  } catch (error) {
    const lexical = lexicalError(source)
    if (lexical) return { ok: false, errors: [lexical] }
    const location = (error as { location?: PeggyLocation }).location
    const offset = location?.start.offset ?? 0
    const found = (error as { found?: string }).found
    const foundLabel = found
      ? rulesMessage('syntax.unexpected', { found: quoted(found) })
      : rulesMessage('syntax.end')
    return { ok: false, errors: [ruleError(source, offset, 'syntax_error', { found: foundLabel })] }
  }
}
