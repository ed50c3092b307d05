import { AssertionError } from 'node:assert'
import type { DispatchOptions, JobClass, PayloadOf } from '#platform/jobs/job'

export interface RecordedDispatch {
  job: string
  payload: Record<string, unknown> & { tenantId: number | null }
  options: DispatchOptions
}

/** Records dispatches instead of running them (`queue.fake()` in tests). */
export class QueueFake {
  dispatched: RecordedDispatch[] = []

  record(job: JobClass, payload: RecordedDispatch['payload'], options: DispatchOptions) {
    this.dispatched.push({ job: job.jobName, payload, options })
    return `fake-${this.dispatched.length}`
  }

  /** Dispatches of one job class, optionally filtered. */
  find<Class extends JobClass>(
    job: Class,
    where?: (payload: PayloadOf<Class>) => boolean
  ): Array<{ job: string; payload: PayloadOf<Class>; options: DispatchOptions }> {
    return this.dispatched
      .filter((entry) => entry.job === job.jobName)
      .map((entry) => ({ ...entry, payload: entry.payload as unknown as PayloadOf<Class> }))
      .filter((entry) => !where || where(entry.payload))
  }

  assertDispatched<Class extends JobClass>(
    job: Class,
    where?: (payload: PayloadOf<Class>) => boolean
  ) {
    if (this.find(job, where).length === 0) {
      throw new AssertionError({ message: `Expected job "${job.jobName}" to be dispatched` })
    }
  }

  assertDispatchedCount<Class extends JobClass>(job: Class, count: number) {
    const actual = this.find(job).length
    if (actual !== count) {
      throw new AssertionError({
        message: `Expected job "${job.jobName}" to be dispatched ${count} times, got ${actual}`,
        actual,
        expected: count,
      })
    }
  }

  assertNotDispatched(job: JobClass) {
    if (this.find(job).length > 0) {
      throw new AssertionError({ message: `Expected job "${job.jobName}" not to be dispatched` })
    }
  }

  assertNothingDispatched() {
    if (this.dispatched.length > 0) {
      const names = this.dispatched.map((entry) => entry.job).join(', ')
      throw new AssertionError({ message: `Expected no dispatches, got: ${names}` })
    }
  }
}
