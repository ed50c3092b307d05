import { prepareDatabase } from './database.js'
import { spawn } from 'node:child_process'
import { createCipheriv, createHmac, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { generatePopulation } from '#registers/population/generate_population'
import { ProgressBar } from '#registers/progress_bar'
import { validateRows, type FileKind } from '#registers/import/row_validator'
import { importCatalogue } from '#registers/import/import_catalogue'
import { installedAttributes } from '#tests/support/installed_attributes'
import type { BenchResult } from './population.js'

/**
 * Imports a national population into a fresh PostgreSQL database with the real command
 * (`node ace registers:import`, COPY into staging + set-based apply), and — in the same run —
 * a naive row-by-row import of a 50 k-person sample as the baseline.
 *
 * BENCH_DATABASE_URL names the bench database (created and dropped here; default
 * postgres://postgres@127.0.0.1:5432/atvieglo_bench). BENCH_NAIVE_PERSONS sizes the sample.
 */
const BENCH_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/atvieglo_bench'
const NAIVE_PERSONS = Number(process.env.BENCH_NAIVE_PERSONS ?? 50_000)
const catalogue = importCatalogue(await installedAttributes())
const number = (n: number) => Math.round(n).toLocaleString('en-US')

function recreateDatabase(url: string, drop = false) {
  return prepareDatabase(url, drop ? { drop: true } : { fresh: true })
}

function ace(commandArgs: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...commandArgs], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`node ace ${commandArgs[0]} exited ${code}`))
    )
  })
}

async function registerSource(client: pg.Client, code: string) {
  await client.query(
    `INSERT INTO data_sources (code, name, allowed_attributes, delivers_persons, delivers_identifiers, created_at, updated_at)
     VALUES ($1, 'Benchmark register', $2, true, true, now(), now())`,
    [code, JSON.stringify(catalogue.keys())]
  )
}

/**
 * The baseline: what an importer without staging does — validate a row, hash and encrypt the
 * code, then one INSERT per row (plus its change-log row), looking each person up by hash.
 * All in one transaction, the kindest setting for row-by-row work.
 */
async function naiveImport(client: pg.Client, dir: string, sourceId: number) {
  const key = randomBytes(32)
  const hash = (value: string) => createHmac('sha256', key).update(value).digest('hex')
  const encrypt = (value: string) => {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')
  }
  let rows = 0
  await client.query('BEGIN')
  const personId = async (code: string) => {
    const { rows: found } = await client.query('SELECT id FROM persons WHERE code_hash = $1', [
      hash(code),
    ])
    return found[0]?.id as string | undefined
  }
  const log = (id: string, entity: string, attribute: string | null, entityId: string | null) =>
    client.query(
      `INSERT INTO change_log (person_id, entity, action, attribute, entity_id, data_source_id, created_at)
       VALUES ($1, $2, 'created', $3, $4, $5, now())`,
      [id, entity, attribute, entityId, sourceId]
    )
  for (const kind of ['persons', 'facts', 'identifiers'] as FileKind[]) {
    const stream = createReadStream(join(dir, `${kind}.csv`), { highWaterMark: 1 << 20 })
    for await (const result of validateRows(kind, stream, catalogue)) {
      if (!result.ok) continue
      rows++
      if (result.kind === 'persons') {
        const r = result.row
        const { rows: inserted } = await client.query(
          `INSERT INTO persons (code_hash, code_encrypted, given_names, surname, birth_date, death_date, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, now(), now()) RETURNING id`,
          [
            hash(r.personalCode),
            encrypt(r.personalCode),
            r.givenNames,
            r.surname,
            r.birthDate,
            r.deathDate,
          ]
        )
        await log(inserted[0].id, 'person', null, null)
      } else if (result.kind === 'facts') {
        const r = result.row
        const id = await personId(r.personalCode)
        if (!id) continue
        const { rows: fact } = await client.query(
          `INSERT INTO facts (person_id, attribute, value, valid_from, valid_to, data_source_id, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING id`,
          [id, r.attribute, r.value, r.validFrom, r.validTo, sourceId]
        )
        await log(id, 'fact', r.attribute, fact[0].id)
      } else {
        const r = result.row
        const id = await personId(r.personalCode)
        if (!id) continue
        const { rows: identifier } = await client.query(
          `INSERT INTO person_identifiers (person_id, type, value_hash, value_hint, issuer, valid_from, valid_to, status, data_source_id, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING id`,
          [
            id,
            r.type,
            hash(`${r.type}:${r.value}`),
            r.value.slice(-4),
            r.issuer,
            r.validFrom,
            r.validTo,
            r.status,
            sourceId,
          ]
        )
        await log(id, 'identifier', null, identifier[0].id)
      }
    }
  }
  await client.query('COMMIT')
  return rows
}

export async function benchImport(persons: number): Promise<BenchResult[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'atvieglo-bench-import-'))
  const fullDir = join(workDir, 'full')
  const sampleDir = join(workDir, 'sample')
  const env = { DATABASE_URL: BENCH_URL }
  try {
    const bar = new ProgressBar(persons, 'generate for import')
    const generated = await generatePopulation({
      persons,
      seed: 'bench-import',
      outDir: fullDir,
      onProgress: (done) => bar.update(done),
    })
    bar.finish()
    const sample = await generatePopulation({
      persons: NAIVE_PERSONS,
      seed: 'bench-naive',
      outDir: sampleDir,
    })

    await recreateDatabase(BENCH_URL)
    await ace(['migration:run', '--force'], env)
    const client = new pg.Client({ connectionString: BENCH_URL })
    await client.connect()
    let naiveRows = 0
    let naiveSeconds = 0
    try {
      await registerSource(client, 'naive')
      const { rows } = await client.query("SELECT id FROM data_sources WHERE code = 'naive'")
      process.stderr.write(`naive row-by-row import of ${number(NAIVE_PERSONS)} persons…\n`)
      const naiveStarted = performance.now()
      naiveRows = await naiveImport(client, sampleDir, rows[0].id)
      naiveSeconds = (performance.now() - naiveStarted) / 1000
      await client.query(
        'TRUNCATE change_log, facts, person_identifiers, person_code_history, persons RESTART IDENTITY CASCADE'
      )
      await client.query('VACUUM ANALYZE')
      await registerSource(client, 'bench')
    } finally {
      await client.end()
    }

    const started = performance.now()
    const out = await ace(
      ['registers:import', fullDir, '--source', 'bench', '--mode', 'snapshot', '--json'],
      env
    )
    const wall = (performance.now() - started) / 1000
    const summary = JSON.parse(out.split('\n').find((line) => line.startsWith('{'))!)
    const rows = generated.persons + generated.facts + generated.identifiers
    const rate = rows / wall
    const naiveRate = naiveRows / naiveSeconds
    const ratio = rate / naiveRate
    const peakMiB = summary.peakRss / 2 ** 20
    const sampleRows = sample.persons + sample.facts + sample.identifiers
    return [
      {
        name: `registers:import ${number(persons)} persons into PostgreSQL (snapshot, fresh database)`,
        figures: {
          'wall time': `${wall.toFixed(1)} s (command ${summary.seconds.toFixed(1)} s)`,
          'rows': `${number(rows)} (${number(generated.persons)} persons, ${number(generated.facts)} facts, ${number(generated.identifiers)} identifiers)`,
          'rows/s': number(rate),
          'accepted': number(summary.accepted),
          'rejected': number(summary.rejected),
          'change log': number(summary.changeLogEntries),
          'peak RSS': `${peakMiB.toFixed(0)} MiB`,
        },
        target: {
          ok: wall <= 300 && peakMiB <= 1024,
          text: 'import 1.9 M persons in ≤ 5 min with peak memory ≤ 1 GiB',
        },
      },
      {
        name: `naive row-by-row INSERT of a ${number(NAIVE_PERSONS)}-person sample (baseline)`,
        figures: {
          'wall time': `${naiveSeconds.toFixed(1)} s`,
          'rows': `${number(naiveRows)} of ${number(sampleRows)}`,
          'rows/s': number(naiveRate),
          'speed-up': `${ratio.toFixed(1)}× (import rows/s ÷ naive rows/s)`,
        },
        target: { ok: ratio >= 20, text: 'import ≥ 20× the row-by-row baseline' },
      },
    ]
  } finally {
    await rm(workDir, { recursive: true, force: true })
    if (!process.env.BENCH_KEEP_DB) await recreateDatabase(BENCH_URL, true).catch(() => {})
  }
}
