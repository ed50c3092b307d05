/*
| The catalogue's only door to the rule language (app/eligibility). Keeping
| every call behind this adapter lets the eligibility engine change shape
| without touching the catalogue, and lets tests swap in a fake engine.
*/
import { checkRule } from '#eligibility/rule_language/check_rule'
import { runScenarios } from '#eligibility/rule_language/run_scenarios'
import type { AttributeDefinition, RuleFunctionDefinition } from '#platform/plugins/define_plugin'

export interface RuleEnvironment {
  attributes: AttributeDefinition[]
  groups: string[]
  identifierTypes: string[]
  functions: RuleFunctionDefinition[]
}

export interface RuleError {
  line: number
  column: number
  code: string
  message: { lv: string; en: string }
}

export type RuleCheck = { ok: true; references: unknown } | { ok: false; errors: RuleError[] }

export interface ScenarioInput {
  name: string
  date: string
  persons: {
    name: string
    birthDate: string
    facts: { attribute: string; value: string; from: string; to: string | null }[]
    groups?: { key: string; from: string; to: string | null }[]
    identifiers?: { type: string; from: string; to: string | null }[]
    expected: boolean
  }[]
}

export interface ScenarioResult {
  scenario: string
  person: string
  expected: boolean
  actual: boolean | null
  passed: boolean
  reason?: string
}

export interface ScenarioRun {
  passed: boolean
  results: ScenarioResult[]
}

export interface RuleEngine {
  check(source: string, env: RuleEnvironment): RuleCheck | Promise<RuleCheck>
  run(source: string, scenarios: ScenarioInput[]): ScenarioRun | Promise<ScenarioRun>
}

const eligibilityEngine: RuleEngine = {
  check(source, env) {
    const result = checkRule(source, env)
    return result.ok ? { ok: true, references: result.references } : result
  },
  async run(source, scenarios) {
    const outcome = await runScenarios(source, scenarios)
    return {
      passed: outcome.passed,
      results: outcome.results.map((result: ScenarioResult) => ({
        scenario: result.scenario,
        person: result.person,
        expected: result.expected,
        actual: result.actual ?? null,
        passed: result.passed,
        ...(result.reason ? { reason: result.reason } : {}),
      })),
    }
  },
}

class RuleChecker {
  #engine: RuleEngine = eligibilityEngine

  async check(source: string, env: RuleEnvironment): Promise<RuleCheck> {
    return this.#engine.check(source, env)
  }

  /** Runs the scenarios; no scenarios is a pass with no results. */
  async run(source: string, scenarios: ScenarioInput[]): Promise<ScenarioRun> {
    if (scenarios.length === 0) return { passed: true, results: [] }
    return this.#engine.run(source, scenarios)
  }

  /** Tests only: evaluate with another engine until restore(). */
  swap(engine: Partial<RuleEngine>) {
    this.#engine = { ...eligibilityEngine, ...engine }
  }

  restore() {
    this.#engine = eligibilityEngine
  }
}

export const ruleChecker = new RuleChecker()
