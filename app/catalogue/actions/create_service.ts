import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import Service from '#catalogue/models/service'
import { CatalogueValidationError } from '#catalogue/errors'
import { availableSectors } from '#catalogue/sectors'
import type { Actor } from '#catalogue/actor'

/** A provider's service (code, names, sector, base price in cents). */
export default class CreateService {
  async handle(input: {
    tenantId: number
    code: string
    nameLv: string
    nameEn: string
    sector: string
    basePriceCents: number
    actor: Actor
  }) {
    if (!availableSectors().includes(input.sector)) {
      throw new CatalogueValidationError([{ field: 'sector', key: 'sector' }])
    }
    const { actor, ...fields } = input
    return db.transaction(async (trx) => {
      const service = await Service.create(fields, { client: trx })
      await recordAudit({
        action: 'catalogue.service.created',
        tenantId: input.tenantId,
        actorUserId: actor.userId,
        actorLabel: actor.label,
        subjectType: 'service',
        subjectId: service.id,
        metadata: { code: service.code },
        ctx: actor.ctx,
        trx,
      })
      return service
    })
  }
}
