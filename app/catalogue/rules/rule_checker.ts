/*
| The catalogue's only door to the rule language (app/eligibility). Keeping
| every call behind this adapter lets the eligibility engine change shape
| without touching the catalogue, and lets tests swap in a fake engine.
*/
import { checkRule, runScenarios } from '#eligibility/main'
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
  run(
    source: string,
    scenarios: ScenarioInput[],
    env: RuleEnvironment
  ): ScenarioRun | Promise<ScenarioRun>
}

const eligibilityEngine: RuleEngine = {
  check(source, env) {
    const result = checkRule(source, env)
    return result.ok ? { ok: true, references: result.references } : result
  },
  run(source, scenarios, env) {
    const checked = checkRule(source, env)
    if (!checked.ok) {
      const results = scenarios.flatMap((scenario) =>
        scenario.persons.map((person) => ({
          scenario: scenario.name,
          person: person.name,
          expected: person.expected,
          actual: null,
          passed: false,
          reason: 'invalid_rule',
        }))
      )
      return { passed: false, results }
    }
    const report = runScenarios(checked, scenarios)
    return {
      passed: report.passed,
      results: report.scenarios.flatMap((scenario) =>
        scenario.persons.map((person) => ({
          scenario: scenario.name,
          person: person.name,
          expected: person.expected,
          actual: person.actual,
          passed: person.passed,
          ...(person.error || scenario.error ? { reason: person.error ?? scenario.error } : {}),
        }))
      ),
    }
  },
}

class RuleChecker {
  #engine: RuleEngine = eligibilityEngine

  async check(source: string, env: RuleEnvironment): Promise<RuleCheck> {
    return this.#engine.check(source, env)
  }

  /** Runs the scenarios; no scenarios is a pass with no results. */
  async run(
    source: string,
    scenarios: ScenarioInput[],
    env: RuleEnvironment
  ): Promise<ScenarioRun> {
    if (scenarios.length === 0) return { passed: true, results: [] }
    return this.#engine.run(source, scenarios, env)
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
