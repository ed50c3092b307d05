import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePopulation } from '#registers/population/generate_population'
import { ProgressBar } from '#registers/progress_bar'
import { validateRows } from '#registers/import/row_validator'
import { importCatalogue } from '#registers/import/import_catalogue'
import { installedAttributes } from '#tests/support/installed_attributes'

export interface BenchResult {
  name: string
  figures: Record<string, string>
  target?: { ok: boolean; text: string }
}

/**
 * Generates a national-scale population into a temp dir and reports throughput and memory, then
 * streams the files through the row validator (the first stage of an import).
 */
export async function benchPopulation(persons: number): Promise<BenchResult[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'atvieglo-bench-'))
  try {
    const bar = new ProgressBar(persons, 'generate')
    const started = performance.now()
    const summary = await generatePopulation({
      persons,
      seed: 'bench',
      outDir,
      onProgress: (done) => bar.update(done),
    })
    bar.finish()
    const seconds = (performance.now() - started) / 1000
    let bytes = 0
    for (const file of ['persons.csv', 'facts.csv', 'identifiers.csv']) {
      const { size } = await stat(join(outDir, file))
      bytes += size
    }
    const rows = summary.persons + summary.facts + summary.identifiers
    const number = (n: number) => Math.round(n).toLocaleString('en-US')
    const generateRss = process.resourceUsage().maxRSS
    const generation: BenchResult = {
      name: `population:generate ${number(persons)} persons`,
      figures: {
        'wall time': `${seconds.toFixed(1)} s`,
        'persons/s': number(summary.persons / seconds),
        'fact rows': number(summary.facts),
        'fact rows/s': number(summary.facts / seconds),
        'identifier rows': number(summary.identifiers),
        'all rows/s': number(rows / seconds),
        'output': `${(bytes / 2 ** 20).toFixed(0)} MiB`,
        'peak RSS': `${(generateRss / 1024).toFixed(0)} MiB`,
      },
      target: { ok: seconds <= 120, text: 'generate 1.9 M persons in ≤ 2 min' },
    }

    const catalogue = importCatalogue(await installedAttributes())
    const validateBar = new ProgressBar(rows, 'validate')
    const validateStarted = performance.now()
    let seen = 0
    let rejected = 0
    for (const kind of ['persons', 'facts', 'identifiers'] as const) {
      const stream = createReadStream(join(outDir, `${kind}.csv`), { highWaterMark: 1 << 20 })
      for await (const result of validateRows(kind, stream, catalogue)) {
        if (!result.ok) rejected++
        if (++seen % 50_000 === 0) validateBar.update(seen)
      }
    }
    validateBar.finish(seen)
    const validateSeconds = (performance.now() - validateStarted) / 1000
    const validation: BenchResult = {
      name: `streaming row validation of the generated files`,
      figures: {
        'wall time': `${validateSeconds.toFixed(1)} s`,
        'rows/s': number(seen / validateSeconds),
        'rejected rows': number(rejected),
        'peak RSS': `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (whole process)`,
      },
    }
    return [generation, validation]
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
