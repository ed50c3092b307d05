import type { ApplicationService } from '@adonisjs/core/types'
import type { JobClass, JobLoaders, JobPayload } from '#platform/jobs/job'
import { runInTenantOrNone } from '#platform/database/tenant_scope'

/** Finds job classes by name and runs them through the container. */
export class JobRunner {
  #known = new Map<string, JobClass>()

  constructor(
    private app: ApplicationService,
    private loaders: JobLoaders
  ) {}

  /** Classes seen at dispatch need no config entry in the same process. */
  remember(job: JobClass) {
    this.#known.set(job.jobName, job)
  }

  async resolve(name: string): Promise<JobClass> {
    const known = this.#known.get(name)
    if (known) return known
    const loader = this.loaders[name]
    if (!loader) {
      throw new Error(`Unknown job "${name}": list it in config/queue.ts`)
    }
    const { default: job } = await loader()
    if (job.jobName !== name) {
      throw new Error(`config/queue.ts lists "${name}" but the class is named "${job.jobName}"`)
    }
    this.#known.set(name, job)
    return job
  }

  async run(name: string, payload: JobPayload) {
    const job = await this.resolve(name)
    const instance = await this.app.container.make(job)
    // A job sees its tenant's rows only, or none; cross-tenant jobs say so (withCrossTenantAccess).
    return runInTenantOrNone(payload.tenantId, () => instance.handle(payload))
  }
}
