import type {
  DispatchOptions,
  JobClass,
  PayloadOf,
  QueueDriver,
  ScheduleOptions,
} from '#platform/jobs/job'
import { QueueFake } from '#platform/jobs/queue_fake'

/**
 * The app's one entry to background work (container binding `queue`):
 * `queue.dispatch(SomeJob, { tenantId, … })`. The driver is BullMQ when
 * REDIS_URL is set, in-process otherwise (see config/queue.ts).
 */
export class QueueService {
  #fake?: QueueFake

  constructor(
    readonly driverName: 'bullmq' | 'in_process',
    private driver: QueueDriver
  ) {}

  async dispatch<Class extends JobClass>(
    job: Class,
    payload: PayloadOf<Class>,
    options: DispatchOptions = {}
  ): Promise<string> {
    if (payload?.tenantId === undefined) {
      throw new Error(
        `Job "${job.jobName}" dispatched without tenantId (use null for platform work)`
      )
    }
    if (this.#fake) return this.#fake.record(job, payload as any, options)
    return this.driver.dispatch(job, payload, options)
  }

  /** Runs the job periodically (see QueueDriver.schedule); ignored while faked. */
  async schedule<Class extends JobClass>(
    job: Class,
    payload: PayloadOf<Class>,
    options: ScheduleOptions
  ): Promise<void> {
    if (this.#fake) return
    await this.driver.schedule(job, payload, options)
  }

  /** Record dispatches instead of running them, until restore(). */
  fake() {
    this.#fake = new QueueFake()
    return this.#fake
  }

  restore() {
    this.#fake = undefined
  }

  /** Start consuming jobs in this process (BullMQ; in-process jobs always run). */
  work(queues?: string[]) {
    return this.driver.work(queues)
  }

  /** Resolves when no job is waiting or running. */
  onIdle() {
    return this.driver.onIdle()
  }

  /** Alias of onIdle, for tests that await in-process jobs. */
  drain() {
    return this.driver.onIdle()
  }

  close() {
    return this.driver.close()
  }
}
