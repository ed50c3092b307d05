import db from '@adonisjs/lucid/services/db'
import { CatalogueWorkflowError } from '#catalogue/errors'
import { auditVersionStep, lockVersion } from '#catalogue/support/workflow'
import type { Actor } from '#catalogue/actor'

/**
 * Sends a version under review back to draft (in_review → draft), so its
 * author can fix a rule or scenario that blocked publishing. Either the
 * author (withdrawing) or a reviewer (returning it) may do this.
 */
export default class ReturnBenefitVersionToDraft {
  async handle(input: { tenantId: number; versionId: number; actor: Actor }) {
    return db.transaction(async (trx) => {
      const { version, benefit } = await lockVersion(input.tenantId, input.versionId, trx)
      if (version.status !== 'in_review') throw new CatalogueWorkflowError('not_in_review')
      version.merge({ status: 'draft', submittedBy: null, submittedAt: null })
      await version.save()
      await auditVersionStep('returned_to_draft', version, benefit, input.actor, trx)
      return { benefit, version }
    })
  }
}
