import type { Logger } from '@adonisjs/core/logger'
import type {
  DispatchOptions,
  JobClass,
  JobPayload,
  QueueDriver,
  ScheduleOptions,
} from '#platform/jobs/job'
import type { JobRunner } from '#platform/jobs/job_runner'

/**
 * The embedded default: a dispatched job runs on the next tick in this
 * process. The payload goes through JSON first, as it would through Redis,
 * so a job that works here works on BullMQ. Failures are logged and retried
 * a few times with a short pause; nothing survives a restart.
 */
export class InProcessDriver implements QueueDriver {
  #pending = new Set<Promise<void>>()
  #timers = new Map<NodeJS.Timeout, () => void>()
  #schedules = new Map<string, NodeJS.Timeout>()
  #sequence = 0
  #closed = false

  constructor(
    private runner: JobRunner,
    private logger: Logger,
    private defaults: { attempts: number; retryDelay?: number }
  ) {}

  async dispatch(job: JobClass, payload: JobPayload, options: DispatchOptions) {
    if (this.#closed) throw new Error('The queue is closed')
    this.runner.remember(job)
    const id = options.jobId ?? `inproc-${++this.#sequence}`
    const data = JSON.parse(JSON.stringify(payload)) as JobPayload
    const attempts = Math.max(1, options.attempts ?? this.defaults.attempts)
    this.#track(
      this.#later(options.delay ?? 0).then(() => this.#attempt(job.jobName, id, data, 1, attempts))
    )
    return id
  }

  async #attempt(name: string, id: string, payload: JobPayload, attempt: number, attempts: number) {
    if (this.#closed) return
    try {
      await this.runner.run(name, payload)
    } catch (error) {
      const context = { err: error, job: name, jobId: id, tenantId: payload.tenantId, attempt }
      if (attempt >= attempts) {
        this.logger.error(context, `job ${name} failed after ${attempt} attempts`)
        return
      }
      this.logger.warn(context, `job ${name} failed, retrying`)
      await this.#later((this.defaults.retryDelay ?? 200) * attempt)
      await this.#attempt(name, id, payload, attempt + 1, attempts)
    }
  }

  /** Resolves after `ms` (or on the next tick); close() releases every wait at once. */
  #later(ms: number) {
    return new Promise<void>((resolve) => {
      if (ms <= 0) return setImmediate(resolve)
      const timer = setTimeout(() => {
        this.#timers.delete(timer)
        resolve()
      }, ms)
      this.#timers.set(timer, resolve)
    })
  }

  #track(promise: Promise<void>) {
    const tracked = promise.finally(() => this.#pending.delete(tracked))
    this.#pending.add(tracked)
  }

  /** A timer in this process: periodic work runs where the in-process jobs run. */
  async schedule(job: JobClass, payload: JobPayload, options: ScheduleOptions) {
    clearInterval(this.#schedules.get(options.id))
    const timer = setInterval(() => {
      if (this.#closed) return
      this.dispatch(job, payload, {}).catch((error) =>
        this.logger.error({ err: error, job: job.jobName }, 'a scheduled job was not dispatched')
      )
    }, options.every)
    // A schedule alone does not keep a process alive.
    timer.unref()
    this.#schedules.set(options.id, timer)
  }

  async work() {}

  /** Waits for every job, including jobs dispatched by jobs. */
  async onIdle() {
    while (this.#pending.size > 0) {
      await Promise.allSettled([...this.#pending])
    }
  }

  async close() {
    this.#closed = true
    for (const timer of this.#schedules.values()) clearInterval(timer)
    this.#schedules.clear()
    for (const [timer, release] of this.#timers) {
      clearTimeout(timer)
      release()
    }
    this.#timers.clear()
  }
}
