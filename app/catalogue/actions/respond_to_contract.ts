import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { recordAudit } from '#platform/audit/record_audit'
import Contract from '#catalogue/models/contract'
import { CatalogueWorkflowError } from '#catalogue/errors'
import type { Actor } from '#catalogue/actor'

/**
 * The provider answers a proposed contract (proposed → accepted | rejected).
 * Only the provider named in it can: the grantor's own staff get a 404.
 */
export default class RespondToContract {
  async handle(input: {
    providerTenantId: number
    contractId: number
    answer: 'accepted' | 'rejected'
    note?: string | null
    actor: Actor
  }) {
    return db.transaction(async (trx) => {
      const contract = await Contract.query({ client: trx })
        .where('provider_tenant_id', input.providerTenantId)
        .where('id', input.contractId)
        .forUpdate()
        .firstOrFail()
      if (contract.status !== 'proposed') throw new CatalogueWorkflowError('not_proposed')
      contract.merge({
        status: input.answer,
        respondedBy: input.actor.userId,
        respondedAt: DateTime.utc(),
        responseNote: input.note ?? null,
      })
      await contract.save()
      // Written to both sides' audit trails: the grantor owns the contract.
      for (const tenantId of [contract.tenantId, contract.providerTenantId]) {
        await recordAudit({
          action: `catalogue.contract.${input.answer}`,
          tenantId,
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          subjectType: 'contract',
          subjectId: contract.id,
          metadata: { reference: contract.reference },
          ctx: input.actor.ctx,
          trx,
        })
      }
      return contract
    })
  }
}
