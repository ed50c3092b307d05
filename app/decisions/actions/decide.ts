import { DateTime } from 'luxon'
import { hashIdentifier } from '#registers/import/keyed_hash'
import { decisionIndex } from '#decisions/live_index'
import { hashKey } from '#decisions/index/identifier_table'
import { momentOf } from '#decisions/index/moment'
import { newDecisionJti, signDecision } from '#decisions/decision_token'

export interface DecisionRequest {
  client: { id: number; providerTenantId: number }
  identifier: { type: string; value: string }
  service: string
  at: Date
  priceCents?: number
  language: 'lv' | 'en'
}

export interface DecisionAnswer {
  decision_id: string
  benefit: {
    code: string
    name: string
    grantor: string
    discount_percent?: number
    price_cents?: number
  } | null
  valid_until: string
}

/**
 * A provider's question "does this means get a benefit on this service now?", answered from
 * the node's index: the benefit's code, name, grantor and what it gives, never anything about
 * the person. Null when the provider has no service with this code (another provider's code
 * answers the same as an unknown one).
 */
export default class Decide {
  async handle(input: DecisionRequest): Promise<DecisionAnswer | null> {
    const index = await decisionIndex()
    const service = index.catalogue.service(input.client.providerTenantId, input.service)
    if (!service) return null
    const moment = momentOf(input.at)
    const [hi, lo] = hashKey(hashIdentifier(input.identifier.type, input.identifier.value))
    const fullPrice = input.priceCents ?? service.basePriceCents
    const choice = index.choose(hi, lo, service, moment, fullPrice)

    const decisionId = signDecision({
      jti: newDecisionJti(),
      client: input.client.id,
      provider: input.client.providerTenantId,
      service: service.code,
      at: input.at.toISOString(),
      benefit: choice
        ? {
            code: choice.benefit.code,
            versionId: choice.version.id,
            grantorTenantId: choice.benefit.grantorTenantId,
          }
        : null,
    })
    // Valid to the end of the local day, or of the time window the benefit applies in.
    const day = DateTime.fromISO(moment.date, { zone: 'Europe/Riga' })
    const validUntil = day.plus({ minutes: choice ? choice.untilMinute : 1440 })
    return {
      decision_id: decisionId,
      benefit: choice
        ? {
            code: choice.benefit.code,
            name: input.language === 'en' ? choice.version.nameEn : choice.version.nameLv,
            grantor: choice.benefit.grantorName,
            ...(choice.version.form === 'free' || choice.version.form === 'percent'
              ? { discount_percent: choice.version.form === 'free' ? 100 : choice.version.value! }
              : { price_cents: choice.priceCents }),
          }
        : null,
      valid_until: validUntil.toUTC().toISO({ suppressMilliseconds: true })!,
    }
  }
}
