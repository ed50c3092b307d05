/**
 * Benchmarks: `npm run bench` (BENCH_PERSONS overrides the 1.9 M persons of a national run;
 * BENCH_ONLY=population or BENCH_ONLY=import runs one of them).
 */
import { benchPopulation, type BenchResult } from './population.js'
import { benchImport } from './import.js'

const persons = Number(process.env.BENCH_PERSONS ?? 1_900_000)
const only = process.env.BENCH_ONLY
const results: BenchResult[] = []
if (!only || only === 'population') results.push(...(await benchPopulation(persons)))
if (!only || only === 'import') results.push(...(await benchImport(persons)))

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
