import vine from '@vinejs/vine'
import { COMPENSATION_METHODS } from '#catalogue/catalogue_options'
import { existsInTenant, uniqueInTenant } from '#tenancy/validators/rules'

const isoDate = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)

export const proposeContractValidator = vine.withMetaData<{ tenantId: number }>().create({
  reference: vine
    .string()
    .trim()
    .minLength(2)
    .maxLength(64)
    .use(uniqueInTenant('contracts', 'reference')),
  providerTenantId: vine.number().withoutDecimals().exists({ table: 'tenants', column: 'id' }),
  benefitIds: vine
    .array(vine.number().withoutDecimals().use(existsInTenant('benefits', 'id')))
    .minLength(1)
    .distinct(),
  serviceIds: vine.array(vine.number().withoutDecimals()).minLength(1).distinct(),
  validFrom: isoDate(),
  validTo: isoDate().nullable().optional(),
  compensationMethod: vine.enum(COMPENSATION_METHODS),
  flatCents: vine.number().withoutDecimals().min(0).nullable().optional(),
  sharePercent: vine.number().min(0).max(100).nullable().optional(),
  monthlyCapCents: vine.number().withoutDecimals().min(0).nullable().optional(),
})

export const respondContractValidator = vine.create({
  note: vine.string().trim().maxLength(2000).nullable().optional(),
})
