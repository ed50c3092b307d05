import vine from '@vinejs/vine'
import { COMPENSATION_METHODS } from '#catalogue/catalogue_options'
import { existsInTenant, uniqueInTenant } from '#tenancy/validators/rules'
import { int4Id } from '#platform/validation/database_integers'

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
  providerTenantId: int4Id().exists({ table: 'tenants', column: 'id' }),
  benefitIds: vine
    .array(int4Id().use(existsInTenant('benefits', 'id')))
    .minLength(1)
    .distinct(),
  serviceIds: vine.array(int4Id()).minLength(1).distinct(),
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
