import type {
  AttributeDefinition,
  Labels,
  RuleFunctionDefinition,
} from '#platform/plugins/define_plugin'

export type { AttributeDefinition, RuleFunctionDefinition }

import type { CalendarDate } from '#platform/calendar/calendar_dates'

export type { CalendarDate }

/** What went wrong in a rule, with a 1-based line and column (counted in characters). */
export interface RuleError {
  line: number
  column: number
  code: RuleErrorCode
  message: Labels
}

export type RuleErrorCode =
  | 'empty_rule'
  | 'rule_too_long'
  | 'too_deeply_nested'
  | 'syntax_error'
  | 'unterminated_string'
  | 'unexpected_character'
  | 'unclosed_bracket'
  | 'unexpected_bracket'
  | 'unexpected_end'
  | 'unknown_name'
  | 'unknown_attribute'
  | 'unknown_function'
  | 'unknown_group'
  | 'unknown_identifier_type'
  | 'wrong_arity'
  | 'literal_required'
  | 'type_mismatch'
  | 'not_comparable'
  | 'value_not_allowed'
  | 'value_out_of_range'
  | 'invalid_date'
  | 'number_too_large'
  | 'unsupported_expression'
  | 'non_boolean_result'

/** What the checker needs to know about the world. */
export interface RuleContext {
  /** The attribute catalogue: `registries.attributes.all()`. */
  attributes: readonly AttributeDefinition[]
  /** Keys of the person groups the rule may refer to. */
  groups: readonly string[]
  /** Identifier types (`eid`, `etalons`…); defaults to docs/contracts.md, "Identifier types". */
  identifierTypes?: readonly string[]
  /** Plugin functions: `registries.ruleFunctions.all()`. */
  functions?: readonly RuleFunctionDefinition[]
}

/** The static type of an expression in our CEL profile. */
export type RuleType =
  | { kind: 'bool' }
  | { kind: 'int' }
  | { kind: 'string' }
  | { kind: 'date' }
  | { kind: 'enum'; attribute: string; values: readonly string[] }
  | { kind: 'list'; element: RuleType }

export interface SourcePosition {
  /** Offset in UTF-16 code units in the rule text. */
  offset: number
  line: number
  column: number
}

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>='

/** A node of the checked rule: every name resolved, every type known. */
export type RuleNode =
  | { kind: 'literal'; type: RuleType; value: string | number | boolean; pos: SourcePosition }
  | { kind: 'list'; type: RuleType; items: RuleNode[]; pos: SourcePosition }
  | { kind: 'age'; type: RuleType; pos: SourcePosition }
  | { kind: 'birth_date'; type: RuleType; pos: SourcePosition }
  | {
      kind: 'fact'
      type: RuleType
      attribute: string
      /** Written as the variable `municipality` rather than `fact(…)`. */
      alias?: string
      pos: SourcePosition
    }
  | { kind: 'holds'; type: RuleType; attribute: string; boolean: boolean; pos: SourcePosition }
  | { kind: 'in_group'; type: RuleType; group: string; pos: SourcePosition }
  | { kind: 'has_identifier'; type: RuleType; identifierType: string; pos: SourcePosition }
  | { kind: 'and' | 'or'; type: RuleType; args: RuleNode[]; pos: SourcePosition }
  | { kind: 'not'; type: RuleType; arg: RuleNode; pos: SourcePosition }
  | {
      kind: 'compare'
      type: RuleType
      op: CompareOperator
      left: RuleNode
      right: RuleNode
      pos: SourcePosition
    }
  | { kind: 'in'; type: RuleType; needle: RuleNode; list: RuleNode; pos: SourcePosition }
  | {
      kind: 'choice'
      type: RuleType
      test: RuleNode
      then: RuleNode
      otherwise: RuleNode
      pos: SourcePosition
    }
  | { kind: 'call'; type: RuleType; fn: string; args: RuleNode[]; pos: SourcePosition }

export interface RuleReferences {
  attributes: string[]
  groups: string[]
  identifiers: string[]
  functions: string[]
}

export interface CheckedRule {
  ok: true
  source: string
  ast: RuleNode
  references: RuleReferences
  /** Definitions of the attributes the rule reads, for typing scenario data. */
  attributes: Record<string, AttributeDefinition>
  /** Plugin functions the rule calls, by key. */
  functions: Record<string, RuleFunctionDefinition>
}

export interface FailedRule {
  ok: false
  errors: RuleError[]
}

export type CheckResult = CheckedRule | FailedRule

/** A value of a register fact, typed by its attribute (integer → number, boolean → boolean). */
export type FactValue = string | number | boolean

export interface FactPeriod {
  value: FactValue
  /** First day the fact holds. */
  from: CalendarDate
  /** Last day the fact holds (inclusive); null = open-ended. */
  to: CalendarDate | null
  source?: string
}

export interface Period {
  from: CalendarDate
  /** Inclusive; null = open-ended. */
  to: CalendarDate | null
}

/** The compact per-person view the compiled rules read. All periods are inclusive. */
export interface PersonFacts {
  birthDate: CalendarDate | null
  deathDate: CalendarDate | null
  facts: Map<string, FactPeriod[]>
  groups: Map<string, Period[]>
  identifiers: Map<string, Period[]>
}

/** A span of days asked about, both ends inclusive. */
export interface DateWindow {
  from: CalendarDate
  to: CalendarDate
}

/** A closed interval of days, both ends inclusive. */
export interface DateInterval {
  from: CalendarDate
  to: CalendarDate
}

/** One piece of evidence behind a condition. */
export interface ExplainFact {
  kind: 'fact' | 'birth_date' | 'death_date' | 'group' | 'identifier'
  /** Attribute key, group key, identifier type, or `birth_date`. */
  attribute: string
  /** The value on the date; null when nothing holds on that date. */
  value: FactValue | null
  from: CalendarDate | null
  to: CalendarDate | null
  source?: string
}

export interface ExplainNode {
  kind: 'all' | 'any' | 'not' | 'condition' | 'choice'
  /** The sub-expression in CEL, re-printed from the tree. */
  expression: string
  line: number
  column: number
  /** Truth (or value, for a non-boolean choice) on the date. */
  value: boolean | FactValue | null
  /** For an age condition: the age on the date. */
  age?: number | null
  facts: ExplainFact[]
  children?: ExplainNode[]
}
