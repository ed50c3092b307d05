/**
 * Benchmarks: `npm run bench` (BENCH_PERSONS overrides the 1.9 M persons of a national run;
 * BENCH_SKIP_ENTITLEMENTS=1 skips the PostgreSQL entitlement run).
 */
import { benchPopulation, type BenchResult } from './population.js'
import { runRulesBench } from './rules.js'
import { runEntitlementsBench } from './entitlements.js'

const persons = Number(process.env.BENCH_PERSONS ?? 1_900_000)
const results: BenchResult[] = [
  ...(await benchPopulation(persons)),
  ...(await runRulesBench({ persons: Math.min(persons, 1_900_000) })),
  // Needs PostgreSQL (BENCH_DATABASE_URL, default the wt_engine_bench database).
  ...(process.env.BENCH_SKIP_ENTITLEMENTS ? [] : await runEntitlementsBench({ persons })),
]

let failed = false
for (const result of results) {
  process.stdout.write(`\n${result.name}\n`)
  for (const [label, value] of Object.entries(result.figures)) {
    process.stdout.write(`  ${label.padEnd(16)} ${value}\n`)
  }
  if (result.target) {
    process.stdout.write(
      `  target: ${result.target.text} — ${result.target.ok ? 'met' : 'MISSED'}\n`
    )
    failed ||= !result.target.ok && persons >= 1_900_000
  }
}
process.exitCode = failed ? 1 : 0
