/**
 * `node --import=@poppinss/ts-exec tests/load/run.ts <base url> [clients] [seconds]`: the
 * concurrency check CI runs against the demo, on the embedded default and on PostgreSQL +
 * Redis. Exits 1 on any error, hang or answer carrying another client's data.
 */
import { formatReport, runLoad } from './concurrency.js'

const [baseUrl = 'http://localhost:3333', clients = '50', seconds = '20'] = process.argv.slice(2)
const populationDir = process.env.DEMO_POPULATION_DIR ?? 'storage/demo-population'

console.log(`Concurrency check: ${clients} clients for ${seconds} s against ${baseUrl}`)
const report = await runLoad({
  baseUrl,
  clients: Number(clients),
  seconds: Number(seconds),
  populationDir,
})
console.log(formatReport(report))
const ok = report.total.errors === 0 && report.mixed === 0
console.log(ok ? 'Concurrency check passed' : 'Concurrency check FAILED')
process.exitCode = ok ? 0 : 1
