import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import type { Logger } from '@adonisjs/core/logger'
import type {
  DispatchOptions,
  JobClass,
  JobPayload,
  QueueDriver,
  ScheduleOptions,
} from '#platform/jobs/job'
import type { JobRunner } from '#platform/jobs/job_runner'

export interface BullMQDriverOptions {
  redisUrl: string
  prefix: string
  attempts: number
  concurrency: number
  /** Queues work() consumes when none are named. */
  queues: string[]
  /** Delete the queues' keys on close (test runs with a throwaway prefix). */
  obliterateOnClose?: boolean
}

/**
 * Jobs on Redis through BullMQ. Queues open lazily on the first dispatch;
 * workers only in processes that call work() (the web process when
 * QUEUE_WORKER=inline, and `node ace queue:work`).
 */
export class BullMQDriver implements QueueDriver {
  #connection?: Redis
  #queues = new Map<string, Queue>()
  #workers: Worker[] = []

  constructor(
    private runner: JobRunner,
    private logger: Logger,
    private options: BullMQDriverOptions
  ) {}

  #redis() {
    // BullMQ workers need maxRetriesPerRequest: null on their connections.
    this.#connection ??= new Redis(this.options.redisUrl, { maxRetriesPerRequest: null })
    return this.#connection
  }

  queue(name: string) {
    let queue = this.#queues.get(name)
    if (!queue) {
      queue = new Queue(name, {
        connection: this.#redis(),
        prefix: this.options.prefix,
        defaultJobOptions: {
          attempts: this.options.attempts,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 5000 },
        },
      })
      queue.on('error', (error) => this.logger.error({ err: error, queue: name }, 'queue error'))
      this.#queues.set(name, queue)
    }
    return queue
  }

  async dispatch(job: JobClass, payload: JobPayload, options: DispatchOptions) {
    this.runner.remember(job)
    const added = await this.queue(job.queue ?? 'default').add(job.jobName, payload, {
      delay: options.delay,
      attempts: options.attempts,
      jobId: options.jobId,
      priority: options.priority,
    })
    return added.id!
  }

  /** One job scheduler in Redis per id: upserting it again from another process changes nothing. */
  async schedule(job: JobClass, payload: JobPayload, options: ScheduleOptions) {
    this.runner.remember(job)
    await this.queue(job.queue ?? 'default').upsertJobScheduler(
      options.id,
      { every: options.every },
      { name: job.jobName, data: payload, opts: { attempts: 1 } }
    )
  }

  async work(queues = this.options.queues) {
    for (const name of queues) {
      const worker = new Worker(
        name,
        async (job) => this.runner.run(job.name, job.data as JobPayload),
        {
          connection: this.#redis(),
          prefix: this.options.prefix,
          concurrency: this.options.concurrency,
        }
      )
      worker.on('failed', (job, error) => {
        const context = {
          err: error,
          job: job?.name,
          jobId: job?.id,
          tenantId: job?.data?.tenantId,
          attempt: job?.attemptsMade,
        }
        if (job && job.attemptsMade < (job.opts.attempts ?? 1)) {
          this.logger.warn(context, `job ${job.name} failed, BullMQ will retry it`)
        } else {
          this.logger.error(context, `job ${job?.name} failed after ${job?.attemptsMade} attempts`)
        }
      })
      worker.on('error', (error) => this.logger.error({ err: error, queue: name }, 'worker error'))
      this.#workers.push(worker)
    }
    await Promise.all(this.#workers.map((worker) => worker.waitUntilReady()))
  }

  /** Resolves when every opened queue has nothing waiting, delayed or running. */
  async onIdle(pollMs = 50) {
    for (;;) {
      let busy = 0
      for (const queue of this.#queues.values()) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')
        busy += Object.values(counts).reduce((sum, n) => sum + n, 0)
      }
      if (busy === 0) return
      await new Promise((resolve) => setTimeout(resolve, pollMs))
    }
  }

  /** Never throws: a throwing shutdown keeps the process alive. */
  async close() {
    const settled = await Promise.allSettled(this.#workers.map((worker) => worker.close()))
    if (this.options.obliterateOnClose) {
      const queues = [...this.#queues.values()]
      settled.push(...(await Promise.allSettled(queues.map((q) => q.obliterate({ force: true })))))
    }
    settled.push(
      ...(await Promise.allSettled([...this.#queues.values()].map((queue) => queue.close())))
    )
    for (const result of settled) {
      if (result.status === 'rejected') {
        this.logger.warn({ err: result.reason }, 'closing a queue failed')
      }
    }
    this.#workers = []
    this.#queues.clear()
    try {
      await this.#connection?.quit()
    } catch {
      this.#connection?.disconnect()
    }
    this.#connection = undefined
  }
}
