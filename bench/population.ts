import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePopulation } from '#registers/population/generate_population'
import { ProgressBar } from '#registers/progress_bar'

export interface BenchResult {
  name: string
  figures: Record<string, string>
  target?: { ok: boolean; text: string }
}

/** Generates a national-scale population into a temp dir and reports throughput and memory. */
export async function benchPopulation(persons: number): Promise<BenchResult> {
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
    return {
      name: `population:generate ${number(persons)} persons`,
      figures: {
        'wall time': `${seconds.toFixed(1)} s`,
        'persons/s': number(summary.persons / seconds),
        'fact rows': number(summary.facts),
        'fact rows/s': number(summary.facts / seconds),
        'identifier rows': number(summary.identifiers),
        'all rows/s': number(rows / seconds),
        'output': `${(bytes / 2 ** 20).toFixed(0)} MiB`,
        'peak RSS': `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
      },
      target: { ok: seconds <= 120, text: 'generate 1.9 M persons in ≤ 2 min' },
    }
  } finally {
    await rm(outDir, { recursive: true, force: true })
  }
}
