import db from '@adonisjs/lucid/services/db'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { auditVersionStep, lockVersion } from '#catalogue/support/workflow'
import type { Actor } from '#catalogue/actor'

/** Retires a suspended version for good (suspended → archived); it stays readable. */
export default class ArchiveBenefitVersion {
  async handle(input: { tenantId: number; versionId: number; actor: Actor }) {
    return db.transaction(async (trx) => {
      const { version, benefit } = await lockVersion(input.tenantId, input.versionId, trx)
      if (version.status !== 'suspended') throw new CatalogueWorkflowError('not_suspended')
      version.status = 'archived'
      await version.save()
      await auditVersionStep('archived', version, benefit, input.actor, trx)
      return { benefit, version }
    })
  }
}
