/*
|--------------------------------------------------------------------------
| npm run demo
|--------------------------------------------------------------------------
|
| The embedded default in one command: creates .env (with a fresh APP_KEY)
| when missing, migrates and seeds the embedded PostgreSQL in
| storage/postgres, loads a synthetic population on the first start and
| evaluates it, starts the server with the Vite dev server (no build step)
| and prints the URL, the demo logins and personal codes to try. Ctrl-C or
| SIGTERM stops the server (and with it the embedded PostgreSQL).
|
*/
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureEnvFile } from './ensure_env.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const port = Number(process.env.PORT ?? 3333)
const host = process.env.HOST ?? 'localhost'
const started = Date.now()
const populationDir = process.env.DEMO_POPULATION_DIR ?? 'storage/demo-population'
const populationSize = process.env.DEMO_PERSONS ?? '20000'

/** Kept in step with database/data/tenants.ts (the seeders' source). */
const DEMO_PASSWORD = 'Atvieglo-demo-2026'
const DEMO_TOTP_SECRET = 'CNLCIHSMHVFUSOCOMZVSEEQKP5RRKZKG'
const DEMO_LOGINS = [
  [
    'operators@demo.atvieglo.lv',
    'Valsts digitālās attīstības aģentūra',
    'platform operator (TOTP)',
  ],
  ['atd.admin@demo.atvieglo.lv', 'Autotransporta direkcija', 'tenant_admin'],
  ['atd.benefits@demo.atvieglo.lv', 'Autotransporta direkcija', 'benefit_manager'],
  ['riga.admin@demo.atvieglo.lv', 'Rīgas valstspilsētas pašvaldība', 'tenant_admin'],
  ['riga.analyst@demo.atvieglo.lv', 'Rīgas valstspilsētas pašvaldība', 'analyst'],
  ['sif.benefits@demo.atvieglo.lv', 'Sabiedrības integrācijas fonds', 'benefit_manager'],
  ['rs.admin@demo.atvieglo.lv', 'Rīgas satiksme', 'tenant_admin'],
  ['rs.operator@demo.atvieglo.lv', 'Rīgas satiksme', 'provider_operator'],
  ['pv.operator@demo.atvieglo.lv', 'Pasažieru vilciens', 'provider_operator'],
  ['muzejs.operator@demo.atvieglo.lv', 'Rundāles pils muzejs', 'provider_operator'],
  ['maxima.admin@demo.atvieglo.lv', 'SIA Maxima Latvija', 'tenant_admin'],
  ['auditore@demo.atvieglo.lv', 'Autotransporta direkcija + Rīga', 'auditor (two tenants)'],
]

let child = null
let stopping = false

function say(message) {
  console.log(`\x1b[36m[demo]\x1b[0m ${message}`)
}

function fail(message) {
  console.error(`\x1b[31m[demo]\x1b[0m ${message}`)
  process.exit(1)
}

/** Runs a command to completion with inherited output; rejects on a non-zero exit. */
function run(args, env = {}) {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
      // Own process group: Ctrl-C reaches only this script, which then stops
      // the child with SIGTERM so it closes the embedded database cleanly.
      detached: true,
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      child = null
      if (stopping) return resolve()
      if (code === 0) return resolve()
      reject(new Error(`"node ${args.join(' ')}" exited with ${signal ?? code}`))
    })
  })
}

async function waitForLive(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (stopping) return false
    if (child === null) throw new Error('the server exited while starting')
    try {
      const response = await fetch(url)
      if (response.ok) return true
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return false
}

function printLogins(baseUrl) {
  const rows = [
    ['Email', 'Password', 'Tenant', 'Role'],
    ...DEMO_LOGINS.map(([e, t, r]) => [e, DEMO_PASSWORD, t, r]),
  ]
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  const line = (row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd()
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log('')
  console.log(`  Atvieglo is running at \x1b[1m${baseUrl}\x1b[0m  (ready in ${seconds} s)`)
  console.log('')
  console.log(`  ${line(rows[0])}`)
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  for (const row of rows.slice(1)) console.log(`  ${line(row)}`)
  console.log('')
  console.log(`  The platform operator has two-factor login on. Its TOTP secret is`)
  console.log(`  ${DEMO_TOTP_SECRET} (add it to any authenticator app), or print the`)
  console.log(`  current 6-digit code with:  ./node_modules/.bin/node ace demo:totp`)
  console.log('')
  const samples = sampleCodes()
  if (samples.length > 0) {
    console.log('  Personal codes of the synthetic population to try (staff entitlement search,')
    console.log('  GET /api/v1/entitlements?personal_code=…):')
    for (const { label, personalCode } of samples) console.log(`    ${personalCode}  ${label}`)
    console.log('')
  }
  console.log('  Mail (invitations, password resets) is written to storage/mail and the log.')
  console.log('  Stop with Ctrl-C.')
  console.log('')
}

function sampleCodes() {
  const file = resolve(root, populationDir, 'sample_codes.json')
  if (!existsSync(file)) return []
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return []
  }
}

function stop(signal) {
  if (stopping) return
  stopping = true
  say(`stopping (${signal})`)
  if (!child) process.exit(0)
  child.once('exit', () => process.exit(0))
  child.kill('SIGTERM')
  // The server closes its database and queues on SIGTERM; do not wait forever.
  setTimeout(() => {
    child?.kill('SIGKILL')
    process.exit(1)
  }, 10_000).unref()
}

process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
// `npm run` does not reliably pass SIGTERM on to its script (npm → sh →
// node): stop when the shell or npm above this script goes away.
const ancestors = [process.ppid, parentOf(process.ppid)].filter((pid) => pid > 1)
setInterval(() => {
  if (ancestors.some((pid) => !isAlive(pid))) stop('npm exited')
}, 1000).unref()

function parentOf(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    return 0
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

async function main() {
  const major = Number(process.versions.node.split('.')[0])
  if (major < 24) {
    fail(`Node ${process.versions.node} found; Atvieglo needs Node 24. Run it as "npm run demo".`)
  }

  await ensureEnvFile(say)

  say('migrating the database')
  await run(['ace', 'migration:run', '--force'])
  if (stopping) return

  say('seeding demo tenants and users')
  await run(['ace', 'db:seed'])
  if (stopping) return

  if (populationSize !== '0') {
    say(`loading the synthetic population (${populationSize} persons) on the first start`)
    await run(['ace', 'demo:population', `--persons=${populationSize}`, `--out=${populationDir}`])
    if (stopping) return
  }

  say(`starting the server on port ${port}`)
  const serverEnv = { DEV_MODE: 'true', PORT: String(port), HOST: host }
  const server = run(['--import=@poppinss/ts-exec', 'bin/server.ts'], serverEnv)
  server.catch((error) => {
    if (!stopping) fail(error.message)
  })

  const baseUrl = `http://${host}:${port}`
  const live = await waitForLive(`${baseUrl}/health/live`, 120_000)
  if (stopping) return
  if (!live) {
    child?.kill('SIGTERM')
    fail(`the server did not answer ${baseUrl}/health/live within 120 s`)
  }
  printLogins(baseUrl)
  await server
}

main().catch((error) => fail(error.message))
