import { test } from '@japa/runner'
import { glob } from 'node:fs/promises'
import { findJobByName } from '#platform/jobs/find_job_by_name'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { JobRunner } from '#platform/jobs/job_runner'
import { QueueService } from '#platform/jobs/queue_service'
import { InProcessDriver } from '#platform/jobs/drivers/in_process_driver'
import type { JobPayload } from '#platform/jobs/job'

const ran: Array<{ tenantId: number | null; value: unknown }> = []
let failuresLeft = 0

class RecordJob {
  static jobName = 'test:record'
  async handle(payload: JobPayload & { value: unknown }) {
    ran.push({ tenantId: payload.tenantId, value: payload.value })
  }
}

class FlakyJob {
  static jobName = 'test:flaky'
  async handle(payload: JobPayload) {
    if (failuresLeft-- > 0) throw new Error('transient failure')
    ran.push({ tenantId: payload.tenantId, value: 'flaky done' })
  }
}

class FanOutJob {
  static jobName = 'test:fan_out'
  async handle(payload: JobPayload & { count: number }) {
    for (let i = 0; i < payload.count; i++) {
      await queue.dispatch(RecordJob, { tenantId: payload.tenantId, value: i })
    }
  }
}

let queue: QueueService

test.group('Queue: in-process driver', (group) => {
  group.each.setup(() => {
    ran.length = 0
    failuresLeft = 0
    const driver = new InProcessDriver(
      new JobRunner(app, {}),
      logger.child({}, { level: 'silent' }),
      {
        attempts: 3,
        retryDelay: 5,
      }
    )
    queue = new QueueService('in_process', driver)
    return () => queue.close()
  })

  test('runs a dispatched job on a later tick, with a JSON copy of the payload', async ({
    assert,
  }) => {
    const date = new Date('2026-01-01T00:00:00Z')
    await queue.dispatch(RecordJob, { tenantId: 7, value: { date } })
    assert.lengthOf(ran, 0)
    await queue.drain()
    assert.deepEqual(ran, [{ tenantId: 7, value: { date: '2026-01-01T00:00:00.000Z' } }])
  })

  test('a scheduled job runs every interval, once per id, until the queue closes', async ({
    assert,
  }) => {
    await queue.schedule(RecordJob, { tenantId: null, value: 'tick' } as any, {
      id: 'tick',
      every: 40,
    })
    // Scheduling the same id again replaces the timer instead of adding one.
    await queue.schedule(RecordJob, { tenantId: null, value: 'tick' } as any, {
      id: 'tick',
      every: 40,
    })
    await new Promise((resolve) => setTimeout(resolve, 250))
    await queue.drain()
    const runs = ran.length
    assert.isAtLeast(runs, 2)
    // Two timers for one id would give about 12.
    assert.isAtMost(runs, 7)
    await queue.close()
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.lengthOf(ran, runs)
  })

  test('retries a failing job and succeeds within the attempts', async ({ assert }) => {
    failuresLeft = 2
    await queue.dispatch(FlakyJob, { tenantId: null })
    await queue.onIdle()
    assert.deepEqual(ran, [{ tenantId: null, value: 'flaky done' }])
  })

  test('gives up after the last attempt without crashing the process', async ({ assert }) => {
    failuresLeft = 10
    await queue.dispatch(FlakyJob, { tenantId: null }, { attempts: 2 })
    await queue.drain()
    assert.lengthOf(ran, 0)
    assert.equal(failuresLeft, 8)
  })

  test('drain waits for jobs dispatched by jobs', async ({ assert }) => {
    await queue.dispatch(FanOutJob, { tenantId: 3, count: 4 })
    await queue.drain()
    assert.deepEqual(
      ran.map((r) => r.value),
      [0, 1, 2, 3]
    )
  })

  test('honours a delay', async ({ assert }) => {
    const started = Date.now()
    await queue.dispatch(RecordJob, { tenantId: null, value: 'late' }, { delay: 50 })
    await queue.drain()
    assert.isAtLeast(Date.now() - started, 45)
    assert.lengthOf(ran, 1)
  })

  test('refuses a payload without tenantId', async ({ assert }) => {
    await assert.rejects(() => queue.dispatch(RecordJob, { value: 1 } as any), /without tenantId/)
  })

  test('a worker runs a job it was given a loader for, by name', async ({ assert }) => {
    const runner = new JobRunner(app, {
      'test:record': async () => ({ default: RecordJob }),
    })
    await runner.run('test:record', { tenantId: 1, value: 'by name' } as JobPayload)
    assert.deepEqual(ran, [{ tenantId: 1, value: 'by name' }])
    await assert.rejects(() => runner.run('test:missing', { tenantId: null }), /Unknown job/)
  })

  test('every app/<context>/jobs/<name>_job.ts is found by the name "<context>:<name>"', async ({
    assert,
  }) => {
    const files = await Array.fromAsync(
      glob('{app/*/jobs/*_job.ts,plugins/*/app/jobs/*_job.ts}', {
        cwd: app.makePath(),
      })
    )
    assert.isAbove(files.length, 5)
    for (const file of files) {
      const parts = file.split('/')
      const owner = parts[1]
      const name = `${owner}:${parts.at(-1)!.replace(/_job\.ts$/, '')}`
      const job = await findJobByName(name)
      assert.equal(job.jobName, name, file)
    }
  })

  test('a name that is not "<context>:<name>" never becomes a path', async ({ assert }) => {
    for (const name of ['../registers:x', 'registers:../../x', 'registers', 'Registers:X']) {
      await assert.rejects(() => findJobByName(name), /job names are/)
    }
    await assert.rejects(() => findJobByName('registers:no_such'), /Unknown job/)
  })
})

test.group('Queue: fake', () => {
  test('records dispatches instead of running them, until restore', async ({ assert }) => {
    const appQueue = await app.container.make('queue')
    const fake = appQueue.fake()
    ran.length = 0
    try {
      await appQueue.dispatch(RecordJob, { tenantId: 5, value: 'x' }, { delay: 10 })
      await appQueue.drain()
      assert.lengthOf(ran, 0)
      fake.assertDispatched(RecordJob, (payload) => payload.tenantId === 5)
      fake.assertDispatchedCount(RecordJob, 1)
      fake.assertNotDispatched(FlakyJob)
      assert.deepEqual(fake.dispatched[0].options, { delay: 10 })
      assert.throws(() => fake.assertNothingDispatched())
    } finally {
      appQueue.restore()
    }
    await appQueue.dispatch(RecordJob, { tenantId: 5, value: 'real' })
    await appQueue.drain()
    assert.deepEqual(ran, [{ tenantId: 5, value: 'real' }])
  })
})
