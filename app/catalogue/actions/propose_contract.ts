import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#platform/audit/record_audit'
import Contract, { type CompensationParams } from '#catalogue/models/contract'
import Tenant from '#tenancy/models/tenant'
import { CatalogueValidationError, type CatalogueFieldError } from '#catalogue/errors'
import { PROVIDER_KINDS, type CompensationMethod } from '#catalogue/catalogue_options'
import { isCalendarDate } from '#platform/calendar/calendar_dates'
import type { Actor } from '#catalogue/actor'

export interface ProposeContractInput {
  tenantId: number
  reference: string
  providerTenantId: number
  benefitIds: number[]
  serviceIds: number[]
  validFrom: string
  validTo?: string | null
  compensationMethod: CompensationMethod
  flatCents?: number | null
  sharePercent?: number | null
  monthlyCapCents?: number | null
  actor: Actor
}

/**
 * A grantor proposes a contract to a provider: its own benefits on the
 * provider's services, a period and a compensation method. The provider
 * accepts or rejects it.
 */
export default class ProposeContract {
  async handle(input: ProposeContractInput) {
    const errors: CatalogueFieldError[] = []
    const provider = await Tenant.find(input.providerTenantId)
    if (
      !provider ||
      provider.id === input.tenantId ||
      !(PROVIDER_KINDS as readonly string[]).includes(provider.kind)
    ) {
      errors.push({ field: 'providerTenantId', key: 'provider' })
    }
    const services = await db
      .from('services')
      .where('tenant_id', input.providerTenantId)
      .whereIn('id', input.serviceIds)
      .select('id')
    if (services.length !== input.serviceIds.length)
      errors.push({ field: 'serviceIds', key: 'services' })
    const benefits = await db
      .from('benefits')
      .where('tenant_id', input.tenantId)
      .whereIn('id', input.benefitIds)
      .select('id')
    if (benefits.length !== input.benefitIds.length)
      errors.push({ field: 'benefitIds', key: 'benefits' })
    if (!isCalendarDate(input.validFrom)) errors.push({ field: 'validFrom', key: 'date' })
    if (input.validTo && (!isCalendarDate(input.validTo) || input.validTo < input.validFrom)) {
      errors.push({ field: 'validTo', key: 'period' })
    }
    const params: CompensationParams = {}
    if (input.compensationMethod === 'flat_per_use') {
      if (input.flatCents === null || input.flatCents === undefined)
        errors.push({ field: 'flatCents', key: 'flat_cents' })
      else params.flatCents = input.flatCents
    }
    if (input.compensationMethod === 'share_of_price') {
      if (input.sharePercent === null || input.sharePercent === undefined)
        errors.push({ field: 'sharePercent', key: 'share_percent' })
      else params.sharePercent = input.sharePercent
    }
    if (errors.length) throw new CatalogueValidationError(errors)

    return db.transaction(async (trx) => {
      const contract = await Contract.create(
        {
          tenantId: input.tenantId,
          providerTenantId: input.providerTenantId,
          reference: input.reference,
          status: 'proposed',
          validFrom: input.validFrom,
          validTo: input.validTo ?? null,
          compensationMethod: input.compensationMethod,
          compensationParams: params,
          monthlyCapCents: input.monthlyCapCents ?? null,
          proposedBy: input.actor.userId,
        },
        { client: trx }
      )
      await contract
        .related('benefits')
        .attach(
          Object.fromEntries(input.benefitIds.map((id) => [id, { tenant_id: input.tenantId }]))
        )
      await contract
        .related('services')
        .attach(
          Object.fromEntries(input.serviceIds.map((id) => [id, { tenant_id: input.tenantId }]))
        )
      await recordAudit({
        action: 'catalogue.contract.proposed',
        tenantId: input.tenantId,
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        subjectType: 'contract',
        subjectId: contract.id,
        metadata: { reference: contract.reference, providerTenantId: input.providerTenantId },
        ctx: input.actor.ctx,
        trx,
      })
      return contract
    })
  }
}
