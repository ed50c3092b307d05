import type { ApplicationService } from '@adonisjs/core/types'
import type { JobClass, JobLoaders, JobPayload } from '#platform/jobs/job'
import { findJobByName } from '#platform/jobs/find_job_by_name'
import { runInTenantOrNone } from '#platform/database/tenant_scope'

/** Finds job classes by name (findJobByName) and runs them through the container. */
export class JobRunner {
  #known = new Map<string, JobClass>()

  constructor(
    private app: ApplicationService,
    /** Jobs outside the naming convention (tests); the others are found by name. */
    private loaders: JobLoaders = {}
  ) {}

  /** Classes seen at dispatch are not looked up again in the same process. */
  remember(job: JobClass) {
    this.#known.set(job.jobName, job)
  }

  async resolve(name: string): Promise<JobClass> {
    const known = this.#known.get(name)
    if (known) return known
    const loader = this.loaders[name]
    const job = loader ? await loader().then((module) => module.default) : await findJobByName(name)
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
