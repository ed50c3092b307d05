import db from '@adonisjs/lucid/services/db'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { auditVersionStep, lockVersion } from '#catalogue/support/workflow'
import type { Actor } from '#catalogue/actor'

/** Stops a published version from applying (published → suspended), keeping its content. */
export default class SuspendBenefitVersion {
  async handle(input: { tenantId: number; versionId: number; actor: Actor; reason?: string }) {
    return db.transaction(async (trx) => {
      const { version, benefit } = await lockVersion(input.tenantId, input.versionId, trx)
      if (version.status !== 'published') throw new CatalogueWorkflowError('not_published')
      version.status = 'suspended'
      await version.save()
      await auditVersionStep('suspended', version, benefit, input.actor, trx, {
        reason: input.reason ?? null,
      })
      return { benefit, version }
    })
  }
}
