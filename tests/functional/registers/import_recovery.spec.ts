import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { databaseConnectionUrl } from '#config/database'
import { childProcessEnv } from '#tests/support/child_process_env'
import { generatePopulation } from '#registers/population/generate_population'
import { importFileSet, importSourceByCode } from '#registers/import/import_file_set'
import { IMPORT_LOCK_CLASS } from '#registers/import/import_liveness'
import RecoverDeadImports, { STALE_AFTER_MS } from '#registers/actions/recover_dead_imports'
import ResumeQueuedImports from '#registers/actions/resume_queued_imports'
import queue from '#platform/services/queue'
import { makeOperator } from '#tests/support/tenancy_fixtures'
import { countRows, emptyRegisters, makeSource } from './import_support.js'

const REGISTER_TABLES = ['persons', 'facts', 'person_identifiers', 'change_log'] as const

async function registerCounts() {
  const counts: Record<string, number> = {}
  for (const table of REGISTER_TABLES) counts[table] = await countRows(table)
  return counts
}

async function stagingTables(importId: number) {
  const result = await db.rawQuery(
    `SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE ?`,
    [`register\\_import\\_${importId}\\_%`]
  )
  return result.rows.map((row: { relname: string }) => row.relname as string)
}

/** A portal upload waiting in the queue, as StartImport leaves it (without dispatching it). */
async function queuedUpload(dataSourceId: number, filesDir: string) {
  const [row] = await db
    .table('register_imports')
    .insert({
      data_source_id: dataSourceId,
      mode: 'snapshot',
      status: 'queued',
      origin: 'portal',
      phase: 'queued',
      batch_date: '2026-09-01',
      started_at: new Date(),
    })
    .returning('id')
  const importId = Number(row.id)
  const uploadDir = app.makePath('storage/registers/imports', String(importId), 'upload')
  await rm(join(uploadDir, '..'), { recursive: true, force: true })
  await mkdir(uploadDir, { recursive: true, mode: 0o700 })
  for (const name of await readdir(filesDir)) {
    if (!name.endsWith('.csv') || name.startsWith('planted')) continue
    await cp(join(filesDir, name), join(uploadDir, name))
    await chmod(join(uploadDir, name), 0o600)
  }
  await db.from('register_imports').where('id', importId).update({ upload_dir: uploadDir })
  return { importId, uploadDir }
}

/** Runs the import in a child process until it says it is mid-way; answers the child. */
async function importInChild(importId: number, holdAt: 'loading' | 'apply') {
  const child = spawn(
    process.execPath,
    ['--import=@poppinss/ts-exec', 'tests/support/import_child.ts', String(importId), holdAt],
    {
      cwd: app.makePath(),
      env: await childProcessEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  let errors = ''
  child.stderr.on('data', (chunk) => (errors += chunk))
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
      if (out.includes('HOLDING')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`import child exited (${code}): ${errors}`)))
  })
  return child
}

async function killHard(child: ReturnType<typeof spawn>) {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
}

/**
 * The detector's passes until one finds a dead import: PostgreSQL ends a killed client's backend
 * (and with it the import's lock) a moment after the process is gone, once it has rolled back
 * what that backend was applying.
 */
async function detectWithin(ms: number) {
  const deadline = Date.now() + ms
  for (;;) {
    const recovered = await new RecoverDeadImports().handle()
    if (recovered.length > 0 || Date.now() > deadline) return recovered
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

async function lineCount(path: string) {
  const text = await readFile(path, 'utf8')
  return text.trimEnd().split('\n').length - 1
}

async function importStatus(importId: number) {
  const row = await db.from('register_imports').where('id', importId).firstOrFail()
  return row.status as string
}

test.group('Register imports: a dead worker is detected and its import failed', (group) => {
  let filesDir: string
  group.setup(async () => {
    filesDir = await mkdtemp(join(tmpdir(), 'atvieglo-recover-'))
    await generatePopulation({ persons: 6000, seed: 'recover', outDir: filesDir })
    return () => rm(filesDir, { recursive: true, force: true })
  })
  group.each.setup(async () => {
    await emptyRegisters()
    return () => emptyRegisters()
  })
  group.each.timeout(180_000)

  for (const holdAt of ['loading', 'apply'] as const) {
    test(`kill -9 of the import process while ${holdAt === 'loading' ? 'loading' : 'applying'}: failed, staging and upload gone, counts untouched, a re-import is exact`, async ({
      assert,
      client,
    }) => {
      const source = await makeSource()
      // Something already in the register, which the dead import must not disturb.
      await importFileSet(
        {
          persons: () => [
            `personal_code,given_names,surname,birth_date,death_date\n161175-19997,Jānis,Bērziņš,1975-11-16,\n`,
          ],
        },
        { source: await importSourceByCode('pmlp'), mode: 'delta' }
      )
      const before = await registerCounts()
      const { importId, uploadDir } = await queuedUpload(source.id, filesDir)

      const child = await importInChild(importId, holdAt)
      // Mid-way for real: the import runs, its staging tables exist.
      const running = await db.from('register_imports').where('id', importId).firstOrFail()
      assert.equal(running.status, 'running')
      assert.isNotEmpty(await stagingTables(importId))
      // Its worker is alive: the detector leaves it alone.
      assert.deepEqual(await new RecoverDeadImports().handle(), [])

      await killHard(child)
      assert.equal(await importStatus(importId), 'running')

      const recovered = await detectWithin(10_000)
      assert.deepEqual(
        recovered.map((r) => [r.id, r.signal]),
        [[importId, 'lock_released']]
      )
      const failed = await db.from('register_imports').where('id', importId).firstOrFail()
      assert.equal(failed.status, 'failed')
      assert.equal(failed.failure_reason, 'worker_stopped')
      assert.match(failed.error_message, /stopped at row \d+; nothing from this import was applied/)
      assert.isNull(failed.upload_dir)
      assert.isNotNull(failed.finished_at)
      assert.deepEqual(await stagingTables(importId), [])
      await assert.rejects(() => stat(uploadDir))
      await assert.rejects(() => stat(app.makePath('storage/registers/imports', String(importId))))
      assert.deepEqual(await registerCounts(), before)
      const audit = await db
        .from('audit_logs')
        .where('action', 'registers.import.recovered')
        .orderBy('id', 'desc')
        .firstOrFail()
      assert.equal(audit.subject_id, String(importId))

      // The import page says what happened, in Latvian and in English.
      const operator = await makeOperator()
      const progress = await client
        .get(`/operator/registers/imports/${importId}/progress`)
        .headers({ Accept: 'application/json' })
        .loginAs(operator)
      progress.assertBodyContains({ status: 'failed', failureReason: 'worker_stopped' })
      const page = await client
        .get(`/operator/registers/imports/${importId}`)
        .loginAs(operator)
        .withInertia()
      page.assertInertiaPropsContains({ import: { failureReason: 'worker_stopped' } })

      // A second sweep finds nothing more to do.
      assert.deepEqual(await new RecoverDeadImports().handle(), [])

      // Uploading again gives exact counts.
      const again = await importFileSet(filesDir, {
        source: await importSourceByCode('pmlp'),
        mode: 'delta',
      })
      assert.equal(again.status, 'succeeded')
      assert.equal(again.rejected, 0)
      const persons = await lineCount(join(filesDir, 'persons.csv'))
      assert.equal(await countRows('persons'), persons + 1)
      assert.equal(await countRows('facts'), await lineCount(join(filesDir, 'facts.csv')))
      assert.equal(
        await countRows('person_identifiers'),
        await lineCount(join(filesDir, 'identifiers.csv'))
      )
    })
  }

  test('a hung worker that still holds its lock is failed once its heartbeat is stale, and cannot commit afterwards', async ({
    assert,
  }) => {
    await makeSource()
    let release!: () => void
    let holding!: () => void
    const reachedHold = new Promise<void>((resolve) => (holding = resolve))
    const running = importFileSet(filesDir, {
      source: await importSourceByCode('pmlp'),
      mode: 'delta',
      onStep: async (step) => {
        if (step !== 'persons') return
        holding()
        await new Promise<void>((resolve) => (release = resolve))
      },
    })
    running.catch(() => {})
    await reachedHold
    const row = await db.from('register_imports').where('status', 'running').firstOrFail()
    const beat = new Date('2031-03-04T10:00:00Z')
    await db.from('register_imports').where('id', row.id).update({ heartbeat_at: beat })

    // Fresh enough by the injected clock: alive (its lock is held).
    const fresh = new Date(beat.getTime() + STALE_AFTER_MS - 1000)
    assert.deepEqual(await new RecoverDeadImports().handle({ now: fresh }), [])
    assert.equal(await importStatus(Number(row.id)), 'running')

    const stale = new Date(beat.getTime() + STALE_AFTER_MS + 1000)
    const recovered = await new RecoverDeadImports().handle({ now: stale })
    assert.deepEqual(
      recovered.map((r) => [r.id, r.signal]),
      [[Number(row.id), 'heartbeat_stale']]
    )
    // The worker wakes up: its session was ended, nothing of the batch commits.
    release()
    await assert.rejects(() => running)
    const failed = await db.from('register_imports').where('id', row.id).firstOrFail()
    assert.equal(failed.status, 'failed')
    assert.equal(failed.failure_reason, 'worker_stopped')
    assert.equal(await countRows('persons'), 0)
    assert.equal(await countRows('change_log'), 0)
    assert.deepEqual(await stagingTables(Number(row.id)), [])
  })

  test('the heartbeat alone does not kill a live import: a held lock with a recent beat stays running', async ({
    assert,
  }) => {
    const source = await makeSource()
    const beat = new Date('2031-03-04T10:00:00Z')
    const [row] = await db
      .table('register_imports')
      .insert({
        data_source_id: source.id,
        mode: 'delta',
        status: 'running',
        origin: 'cli',
        started_at: beat,
        heartbeat_at: beat,
      })
      .returning('id')
    const importId = Number(row.id)
    const holder = new pg.Client({ connectionString: await databaseConnectionUrl() })
    holder.on('error', () => {})
    await holder.connect()
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_LOCK_CLASS, importId])
      const recover = (ms: number) =>
        new RecoverDeadImports().handle({ now: new Date(beat.getTime() + ms) })
      assert.deepEqual(await recover(60_000), [])
      assert.deepEqual(await recover(STALE_AFTER_MS), [])
      const recovered = await recover(STALE_AFTER_MS + 1)
      assert.deepEqual(
        recovered.map((r) => r.signal),
        ['heartbeat_stale']
      )
      // The holder's session was ended.
      await assert.rejects(() => holder.query('SELECT 1'))
    } finally {
      await holder.end().catch(() => {})
    }
  })

  test('a queued upload left by a stopped in-process queue is run again; one without files is failed', async ({
    assert,
  }) => {
    const source = await makeSource()
    const { importId } = await queuedUpload(source.id, filesDir)
    const lost = await queuedUpload(source.id, filesDir)
    await rm(lost.uploadDir, { recursive: true, force: true })

    const outcome = await new ResumeQueuedImports().handle()
    assert.deepEqual(outcome, { resumed: [importId], failed: [lost.importId] })
    await queue.drain()
    const done = await db.from('register_imports').where('id', importId).firstOrFail()
    assert.equal(done.status, 'succeeded')
    const failed = await db.from('register_imports').where('id', lost.importId).firstOrFail()
    assert.equal(failed.failure_reason, 'queue_lost')
  })
})
