import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { Redis } from 'ioredis'
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import { JobRunner } from '#platform/jobs/job_runner'
import { QueueService } from '#platform/jobs/queue_service'
import { BullMQDriver } from '#platform/jobs/drivers/bullmq_driver'
import type { JobPayload } from '#platform/jobs/job'

const redisUrl = process.env.REDIS_TEST_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
const seen: Array<JobPayload & { n: number }> = []
let failuresLeft = 0

class CountJob {
  static jobName = 'test:count'
  async handle(payload: JobPayload & { n: number }) {
    if (failuresLeft-- > 0) throw new Error('transient')
    seen.push(payload)
  }
}

async function redisAnswers() {
  const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

const available = await redisAnswers()

test.group('Queue: BullMQ driver', (group) => {
  let prefix: string
  let queue: QueueService
  // Skipped, not failed, where no Redis runs (the embedded default needs none).
  group.tap((t) => t.skip(!available, `Redis does not answer at ${redisUrl}`))

  group.each.setup(async () => {
    seen.length = 0
    failuresLeft = 0
    // A fresh key prefix per test: parallel runs on one Redis never meet.
    prefix = `atvieglo-test-${randomUUID()}`
    const runner = new JobRunner(app, { 'test:count': async () => ({ default: CountJob }) })
    const driver = new BullMQDriver(runner, logger.child({}, { level: 'silent' }), {
      redisUrl,
      prefix,
      attempts: 3,
      concurrency: 2,
      queues: ['default'],
      obliterateOnClose: true,
    })
    queue = new QueueService('bullmq', driver)
  })

  group.each.teardown(async () => {
    if (available) await queue.close()
  })

  test('a worker runs jobs dispatched to Redis', async ({ assert }) => {
    await queue.dispatch(CountJob, { tenantId: 1, n: 1 })
    await queue.dispatch(CountJob, { tenantId: 2, n: 2 })
    await queue.work()
    await queue.onIdle()
    assert.sameDeepMembers(seen, [
      { tenantId: 1, n: 1 },
      { tenantId: 2, n: 2 },
    ])
  }).timeout(20000)

  test('a failed job is retried by BullMQ', async ({ assert }) => {
    failuresLeft = 1
    await queue.work()
    await queue.dispatch(CountJob, { tenantId: null, n: 3 }, { attempts: 2 })
    // The retry backs off ~1 s.
    await queue.onIdle()
    assert.deepEqual(seen, [{ tenantId: null, n: 3 }])
  }).timeout(20000)

  test('a scheduled job runs on the workers every interval, one scheduler per id', async ({
    assert,
  }) => {
    await queue.work()
    await queue.schedule(CountJob, { tenantId: null, n: 5 } as any, { id: 'count', every: 300 })
    await queue.schedule(CountJob, { tenantId: null, n: 5 } as any, { id: 'count', every: 300 })
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const runs = seen.length
    assert.isAtLeast(runs, 2)
    // One scheduler gives about 5 in 1.5 s; two for one id would give about 10.
    assert.isAtMost(runs, 7)
  }).timeout(20000)

  test('close shuts queues and workers down and may be called twice', async ({ assert }) => {
    await queue.work()
    await queue.dispatch(CountJob, { tenantId: null, n: 4 })
    await queue.onIdle()
    await queue.close()
    await queue.close()
    assert.lengthOf(seen, 1)
    const client = new Redis(redisUrl)
    const keys = await client.keys(`${prefix}:*`)
    await client.quit()
    assert.deepEqual(keys, [])
  }).timeout(20000)
})
