/**
 * Transaction ingestion on PostgreSQL (database `atvieglo_bench_transactions` unless
 * BENCH_DATABASE_URL says otherwise): migrates, writes a provider with a service, a grantor with
 * a contracted benefit and 10 000 card holders (half of them entitled), starts the app's HTTP
 * server (port BENCH_TRANSACTIONS_PORT, default 3398) and sends BENCH_TRANSACTION_BATCHES
 * batches of 1 000 transactions (default 100) from 4 concurrent clients, each transaction
 * naming a card, so each is hashed, looked up, checked and flagged. Reports accepted
 * transactions per second, end to end (HTTP, validation, check, committed insert).
 *
 *   BENCH_ONLY=transactions npm run bench
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash, createHmac, randomBytes } from 'node:crypto'
import pg from 'pg'
import { prepareDatabase } from './database.js'
import type { BenchResult } from './population.js'

const ROOT = new URL('../../', import.meta.url).pathname
const BATCH = 1000
const CLIENTS = 4
const HOLDERS = 10_000
const APP_KEY = 'bench-transactions-key-0123456789abcdef'

function databaseUrl() {
  return (
    process.env.BENCH_DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/atvieglo_bench_transactions'
  )
}

function serverEnv(port: number) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl(),
    NODE_ENV: 'test',
    APP_KEY,
    IDENTIFIER_HASH_KEY: '',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  }
}

const cardHash = (value: string) =>
  createHmac('sha256', Buffer.from(APP_KEY, 'utf8')).update(`etalons:${value}`).digest('hex')

/** The world the batches are checked against; answers the client's credentials. */
async function seed(client: pg.Client) {
  const one = async (sql: string, values: unknown[]) => {
    const { rows } = await client.query(sql, values)
    return rows[0].id as number
  }
  const tenant = (kind: string, name: string) =>
    one(
      `INSERT INTO tenants (kind, name, registration_number, contact_email, status, created_at, updated_at)
       VALUES ($1, $2, $3, 'bench@example.lv', 'active', now(), now()) RETURNING id`,
      [kind, name, String(40000000000 + Math.floor(Math.random() * 9e9))]
    )
  const provider = await tenant('service_provider', 'Bench provider')
  const grantor = await tenant('municipality', 'Bench grantor')
  const service = await one(
    `INSERT INTO services (tenant_id, code, name_lv, name_en, sector, base_price_cents, created_at, updated_at)
     VALUES ($1, 'bench.bus', 'Autobuss', 'Bus', 'transport', 150, now(), now()) RETURNING id`,
    [provider]
  )
  const benefit = await one(
    `INSERT INTO benefits (tenant_id, code, sector, created_at, updated_at)
     VALUES ($1, 'bench.free', 'transport', now(), now()) RETURNING id`,
    [grantor]
  )
  const version = await one(
    `INSERT INTO benefit_versions (tenant_id, benefit_id, version, effective_from, status, name_lv,
       name_en, description_lv, description_en, form, value, priority, rule, author_label,
       created_at, updated_at)
     VALUES ($1, $2, 1, '2020-01-01', 'published', 'x', 'x', 'x', 'x', 'free', NULL, 100, 'true',
       'bench', now(), now()) RETURNING id`,
    [grantor, benefit]
  )
  const contract = await one(
    `INSERT INTO contracts (tenant_id, provider_tenant_id, reference, status, valid_from,
       compensation_method, created_at, updated_at)
     VALUES ($1, $2, 'BENCH', 'accepted', '2020-01-01', 'full_difference', now(), now()) RETURNING id`,
    [grantor, provider]
  )
  await client.query(
    'INSERT INTO contract_benefits (tenant_id, contract_id, benefit_id) VALUES ($1, $2, $3)',
    [grantor, contract, benefit]
  )
  await client.query(
    'INSERT INTO contract_services (tenant_id, contract_id, service_id) VALUES ($1, $2, $3)',
    [grantor, contract, service]
  )
  const source = await one(
    `INSERT INTO data_sources (code, name, created_at, updated_at)
     VALUES ('bench-tx-${Date.now()}', 'bench', now(), now()) RETURNING id`,
    []
  )
  await client.query(
    `WITH p AS (
       INSERT INTO persons (code_hash, code_encrypted, given_names, surname, birth_date, created_at, updated_at)
       SELECT md5(random()::text || n) || md5(n::text), 'x', 'Anna', 'Bērziņa', '2010-01-01', now(), now()
         FROM generate_series(1, $1::int) n
       RETURNING id
     ), numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM p)
     INSERT INTO person_identifiers (person_id, type, value_hash, value_hint, issuer, valid_from,
       status, data_source_id, received_at)
     SELECT id, 'etalons', h.hash, right(h.value, 4), 'bench', '2020-01-01', 'active', $2, now()
       FROM numbered JOIN unnest($3::text[], $4::text[]) WITH ORDINALITY AS h(value, hash, n)
         USING (n)`,
    [
      HOLDERS,
      source,
      Array.from({ length: HOLDERS }, (_, i) => `BENCH${i}`),
      Array.from({ length: HOLDERS }, (_, i) => cardHash(`BENCH${i}`)),
    ]
  )
  await client.query(
    `INSERT INTO entitlements (tenant_id, person_id, benefit_id, version_id, valid_from, source)
     SELECT $1, person_id, $2, $3, '2020-01-01', 'rule' FROM person_identifiers
      WHERE data_source_id = $4 AND right(value_hint, 1) IN ('0', '2', '4', '6', '8')`,
    [grantor, benefit, version, source]
  )
  const clientId = `atv_${randomBytes(12).toString('hex')}`
  const secret = `atvs_${randomBytes(32).toString('base64url')}`
  await client.query(
    `INSERT INTO api_clients (owner_type, owner_id, tenant_id, name, client_id, secret_hash,
       scopes, rate_limit_per_minute, created_at, updated_at)
     VALUES ('tenant', $1, $1, 'bench', $2, $3, '["transactions:write"]', 100000, now(), now())`,
    [provider, clientId, createHash('sha256').update(secret).digest('hex')]
  )
  return { clientId, secret }
}

async function waitFor(url: string) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null)
    if (response?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 300))
  }
  throw new Error(`${url} did not answer`)
}

function batchOf(run: string, n: number) {
  const at = new Date(Date.now() - 3_600_000).toISOString()
  return Array.from({ length: BATCH }, (_, i) => {
    const holder = (n * BATCH + i) % HOLDERS
    return {
      id: `${run}-${n}-${i}`,
      identifier: { type: 'etalons', value: `BENCH${holder}` },
      service: 'bench.bus',
      at: at.replace(/\.\d+Z$/, 'Z'),
      full_price_cents: 150,
      charged_price_cents: holder % 2 === 0 ? 0 : 150,
      place: 'Brīvības iela',
    }
  })
}

export async function benchTransactions(): Promise<BenchResult[]> {
  const batches = Number(process.env.BENCH_TRANSACTION_BATCHES ?? 100)
  const port = Number(process.env.BENCH_TRANSACTIONS_PORT ?? 3398)
  await prepareDatabase(databaseUrl(), { fresh: true })
  execFileSync(process.execPath, ['ace', 'migration:run', '--force'], {
    cwd: ROOT,
    env: serverEnv(port),
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const owner = new pg.Client({ connectionString: databaseUrl() })
  await owner.connect()
  const { clientId, secret } = await seed(owner)

  const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: ROOT,
    env: serverEnv(port),
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${base}/health/live`)
    const token = await fetch(`${base}/api/v1/oauth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Authorization': `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    }).then((r) => r.json() as Promise<{ access_token: string }>)
    const send = async (body: string) => {
      const response = await fetch(`${base}/api/v1/transactions`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Authorization': `Bearer ${token.access_token}`,
        },
        body,
      })
      if (!response.ok) throw new Error(`status ${response.status}: ${await response.text()}`)
      return (await response.json()) as { meta: { accepted: number; duplicate: number } }
    }
    // Warm-up (module loading, JIT, first partition and plans), not counted.
    for (let n = 0; n < 3; n++) await send(JSON.stringify({ transactions: batchOf('warm', n) }))

    const bodies = Array.from({ length: batches }, (_, n) =>
      JSON.stringify({ transactions: batchOf('run', n) })
    )
    let next = 0
    let accepted = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const answer = await send(bodies[next++])
          accepted += answer.meta.accepted
        }
      })
    )
    const seconds = (performance.now() - started) / 1000
    const resent = await send(bodies[0])
    const stored = await owner.query(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE flags = '{}')::int AS clean FROM usage_transactions WHERE external_id LIKE 'run-%'"
    )
    const rate = accepted / seconds
    return [
      {
        name: `Transaction ingestion over HTTP (batches of ${BATCH}, ${CLIENTS} concurrent clients)`,
        figures: {
          transactions: `${accepted} accepted in ${seconds.toFixed(2)} s`,
          rate: `${rate.toFixed(0)} transactions/s`,
          stored: `${stored.rows[0].n} rows (${stored.rows[0].clean} unflagged)`,
          resend: `${resent.meta.duplicate} duplicate, ${resent.meta.accepted} accepted`,
        },
        target: {
          ok: rate >= 20_000 && stored.rows[0].n === batches * BATCH,
          text: '≥ 20 000 transactions/s in batches of 1 000, each stored once',
        },
      },
    ]
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
    await owner.end()
  }
}
