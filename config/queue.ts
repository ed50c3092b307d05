/*
|--------------------------------------------------------------------------
| Jobs and queues
|--------------------------------------------------------------------------
|
| With REDIS_URL set, jobs go to BullMQ; without it they run in-process on
| the next tick. Workers find a job class by its name: `<context>:<name>` is
| app/<context>/jobs/<name>_job.ts (app/platform/jobs/find_job_by_name.ts).
|
*/
import env from '#start/env'
import type { ScheduleEntry } from '#platform/jobs/job'

/**
 * Periodic jobs, started by the web process and by `node ace queue:work` (not in tests).
 * In-process: a timer in the web process; BullMQ: one job scheduler in Redis per id, however
 * many processes start it.
 */
const schedules: ScheduleEntry[] = [
  // Fails imports whose worker died (heartbeat every 10 s, stale after 2 min).
  {
    id: 'registers:recover_imports',
    job: 'registers:recover_imports',
    every: 60_000,
    atBoot: true,
  },
  // Deletes what outlived its retention period (config/retention.ts).
  { id: 'platform:enforce_retention', job: 'platform:enforce_retention', every: 86_400_000 },
  // Offline lists follow entitlements, identifiers, contracts and the calendar: a periodic whole
  // recompute (an event-driven refresh outlived the tests' transactions; see the README there).
  {
    id: 'decisions:refresh_offline_lists',
    job: 'decisions:refresh_offline_lists',
    every: 60_000,
  },
]

const queueConfig = {
  driver: env.get('REDIS_URL') ? ('bullmq' as const) : ('in_process' as const),
  redisUrl: env.get('REDIS_URL'),
  /** Redis key prefix: separates installations (and test runs) sharing one Redis. */
  prefix: env.get(
    'QUEUE_PREFIX',
    env.get('NODE_ENV') === 'test' ? `atvieglo-test-${process.pid}` : 'atvieglo'
  ),
  /**
   * inline: the web process (and the test runner) also works the queues;
   * off: only `node ace queue:work` does.
   */
  worker: env.get('QUEUE_WORKER', 'inline'),
  /** Queues a worker consumes when none are named. */
  queues: ['default'],
  /** Tries per job unless the dispatch says otherwise. */
  attempts: 3,
  /** Jobs each worker runs at once. */
  concurrency: 5,
  schedules,
}

export type QueueConfig = typeof queueConfig
export default queueConfig
