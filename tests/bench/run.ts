/**
 * Benchmarks: `npm run bench` (BENCH_PERSONS overrides the 1.9 M persons of a national run;
 * BENCH_ONLY=population|import|rules|entitlements|concurrency|decisions|transactions runs one of them; the import and entitlement
 * runs need PostgreSQL: BENCH_DATABASE_URL, default a wt_*_bench database on 127.0.0.1).
 */
// @ts-expect-error a plain JavaScript helper shared with bin/demo.js
import { ensureEnvFile } from '../../bin/ensure_env.js'
import { benchPopulation, type BenchResult } from './population.js'
import { benchImport } from './import.js'
import { runRulesBench } from './rules.js'
import { runEntitlementsBench } from './entitlements.js'
import { benchConcurrency } from './concurrency.js'
import { benchDecisions } from './decisions.js'
import { benchTransactions } from './transactions.js'

// The import and entitlement benches run `node ace`, which needs .env (APP_KEY).
await ensureEnvFile((message: string) => process.stdout.write(`[bench] ${message}\n`))

const persons = Number(process.env.BENCH_PERSONS ?? 1_900_000)
const only = process.env.BENCH_ONLY
const wanted = (name: string) => !only || only === name
const results: BenchResult[] = []
if (wanted('population')) results.push(...(await benchPopulation(persons)))
if (wanted('import')) results.push(...(await benchImport(persons)))
if (wanted('rules'))
  results.push(...(await runRulesBench({ persons: Math.min(persons, 1_900_000) })))
if (wanted('entitlements')) results.push(...(await runEntitlementsBench({ persons })))
if (wanted('concurrency')) results.push(...(await benchConcurrency()))
if (wanted('decisions')) results.push(...(await benchDecisions()))
if (wanted('transactions')) results.push(...(await benchTransactions()))

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
    failed ||=
      !result.target.ok &&
      (persons >= 1_900_000 || ['concurrency', 'decisions', 'transactions'].includes(only ?? ''))
  }
}
process.exitCode = failed ? 1 : 0
