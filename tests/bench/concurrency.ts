import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runLoad, stat, type Stat } from '../load/concurrency.js'
import type { BenchResult } from './population.js'

const CLIENTS = 50
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 15)
const PORT = 3397

/** `clients` loops calling `path` for `seconds`; latency percentiles of every answer. */
async function hammer(url: string, clients: number, seconds: number): Promise<Stat> {
  const samples: number[] = []
  let errors = 0
  const deadline = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now()
        const response = await fetch(url).catch(() => null)
        if (!response?.ok) errors++
        await response?.arrayBuffer()
        samples.push(performance.now() - started)
      }
    })
  )
  return stat(samples, errors)
}

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null)
    if (response?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
}

/**
 * The embedded default under 50 concurrent grantor systems: a fresh `npm run demo` (its own
 * embedded PostgreSQL and demo population in a temp folder), then 50 clients reading
 * entitlements, against 50 clients on the bare JSON route (`/health/live`) of the same server.
 */
export async function benchConcurrency(): Promise<BenchResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'atvieglo-bench-demo-'))
  const populationDir = join(dir, 'population')
  const demo = spawn(process.execPath, ['bin/demo.js'], {
    env: {
      ...process.env,
      PORT: String(PORT),
      EMBEDDED_PG_DIR: join(dir, 'postgres'),
      DEMO_POPULATION_DIR: populationDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const baseUrl = `http://localhost:${PORT}`
  try {
    await waitFor(`${baseUrl}/login`, 300_000)
    // Warm up the routes (first requests compile the page modules in dev mode).
    await hammer(`${baseUrl}/health/live`, 4, 2)
    await runLoad({ baseUrl, clients: 4, seconds: 2, populationDir, readsOnly: true })

    const bare = await hammer(`${baseUrl}/health/live`, CLIENTS, SECONDS)
    const load = await runLoad({
      baseUrl,
      clients: CLIENTS,
      seconds: SECONDS,
      populationDir,
      readsOnly: true,
    })
    const reads = load.byKind['grantor read']
    const figure = (s: Stat) =>
      `${s.requests} requests, ${(s.requests / SECONDS).toFixed(0)}/s, ${s.errors} errors, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`
    return [
      {
        name: `Embedded default under ${CLIENTS} concurrent grantor systems (${SECONDS} s each)`,
        figures: {
          'bare JSON route': figure(bare),
          'grantor reads': figure(reads),
          'p99 ratio': `${(reads.p99 / bare.p99).toFixed(2)}× the bare route's p99`,
          'mixed answers': String(load.mixed),
        },
        target: {
          ok: reads.p99 <= 50 && reads.errors === 0 && load.mixed === 0,
          text: 'grantor reads p99 ≤ 50 ms, 0 errors, 0 mixed answers',
        },
      },
    ]
  } finally {
    demo.kill('SIGTERM')
    await new Promise((resolve) => demo.once('exit', resolve))
    await rm(dir, { recursive: true, force: true })
  }
}
