/*
| MINIMAL STAND-IN written by the catalogue branch until the rule-language
| branch lands the real engine at this path (the lead replaces this file at
| merge). It evaluates nothing: every person's result is "not passed" with
| the reason `engine_unavailable`.
*/
export interface Scenario {
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

export interface ScenarioPersonResult {
  scenario: string
  person: string
  expected: boolean
  actual: boolean | null
  passed: boolean
  reason?: string
}

export interface ScenarioRunResult {
  passed: boolean
  reason?: string
  results: ScenarioPersonResult[]
}

export function runScenarios(_source: string, scenarios: Scenario[]): ScenarioRunResult {
  return {
    passed: false,
    reason: 'engine_unavailable',
    results: scenarios.flatMap((scenario) =>
      scenario.persons.map((person) => ({
        scenario: scenario.name,
        person: person.name,
        expected: person.expected,
        actual: null,
        passed: false,
        reason: 'engine_unavailable',
      }))
    ),
  }
}
