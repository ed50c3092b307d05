/** Every job payload names its tenant (null for platform-wide work). */
export interface JobPayload {
  tenantId: number | null
}

export interface Job<Payload extends JobPayload = JobPayload> {
  handle(payload: Payload): Promise<unknown> | unknown
}

/**
 * A job class: a static, unique `jobName` `<context>:<name>`, default-exported from
 * app/<context>/jobs/<name>_job.ts so a worker in another process finds it by name
 * (findJobByName), and an instance `handle(payload)`.
 * Instances are made by the container, so constructors may @inject().
 * Payloads cross process boundaries as JSON: plain data only.
 */
export interface JobClass<Payload extends JobPayload = any> {
  jobName: string
  /** BullMQ queue the job goes to (default "default"). */
  queue?: string
  new (...args: any[]): Job<Payload>
}

export type PayloadOf<Class extends JobClass> =
  Class extends JobClass<infer Payload> ? Payload : never

export interface DispatchOptions {
  /** Milliseconds to wait before the job may run. */
  delay?: number
  /** Total tries before the job counts as failed. */
  attempts?: number
  /** Deduplication key: a second dispatch with the same id is ignored (BullMQ). */
  jobId?: string
  priority?: number
}

export interface ScheduleOptions {
  /** Unique id of the schedule. */
  id: string
  /** Milliseconds between runs. */
  every: number
}

/** A periodic job (config/queue.ts `schedules`). */
export interface ScheduleEntry {
  id: string
  /** A name in `jobs`. */
  job: string
  every: number
  /** Also dispatched once when the process starts, with `{ boot: true }` in its payload. */
  atBoot?: boolean
}

/** name → lazy import of a module whose default export is the job class. */
export type JobLoaders = Record<string, () => Promise<{ default: JobClass }>>

export interface QueueDriver {
  dispatch(job: JobClass, payload: JobPayload, options: DispatchOptions): Promise<string>
  /** Start consuming jobs in this process (no-op for the in-process driver). */
  work(queues?: string[]): Promise<void>
  /**
   * Runs the job every `every` ms from now on (BullMQ: one job scheduler in Redis, so several
   * processes scheduling the same id still run it once per interval).
   */
  schedule(job: JobClass, payload: JobPayload, options: ScheduleOptions): Promise<void>
  /** Resolves when no job is waiting, delayed or running. */
  onIdle(): Promise<void>
  close(): Promise<void>
}
