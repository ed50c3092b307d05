import type { JobClass } from '#platform/jobs/job'

const JOB_NAME = /^([a-z][a-z0-9_]*):([a-z][a-z0-9_]*)$/

/**
 * Finds a job class by its name, by convention rather than by a list: `<context>:<name>` lives
 * in `app/<context>/jobs/<name>_job.ts`, `<plugin>:<name>` in `plugins/<plugin>/app/jobs/<name>_job.ts`.
 * Names arrive from Redis, so only lower-case `word:word` names are ever turned into paths.
 */
export async function findJobByName(name: string): Promise<JobClass> {
  const match = JOB_NAME.exec(name)
  if (!match) throw new Error(`Unknown job "${name}": job names are "<context>:<name>"`)
  const [, owner, job] = match
  const candidates = [`#app/${owner}/jobs/${job}_job`, `#plugins/${owner}/app/jobs/${job}_job`]
  for (const specifier of candidates) {
    const module = await importIfPresent(specifier)
    if (!module) continue
    const found: JobClass | undefined = module.default
    if (found?.jobName !== name) {
      throw new Error(`${specifier} must default-export the job class named "${name}"`)
    }
    return found
  }
  throw new Error(`Unknown job "${name}": no app/${owner}/jobs/${job}_job.ts`)
}

async function importIfPresent(specifier: string): Promise<{ default?: JobClass } | null> {
  try {
    return await import(specifier)
  } catch (error: any) {
    // Only a missing job file means "try elsewhere"; a job whose own imports fail is an error.
    const missing = `/jobs/${specifier.split('/jobs/')[1]}.`
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(missing)) {
      return null
    }
    throw error
  }
}
