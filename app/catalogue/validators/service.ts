import vine from '@vinejs/vine'
import { uniqueInTenant } from '#tenancy/validators/rules'

export const createServiceValidator = vine.withMetaData<{ tenantId: number }>().create({
  code: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_.-]*$/)
    .maxLength(64)
    .use(uniqueInTenant('services', 'code')),
  nameLv: vine.string().trim().minLength(2).maxLength(200),
  nameEn: vine.string().trim().minLength(2).maxLength(200),
  sector: vine.string().trim().maxLength(32),
  basePriceCents: vine.number().withoutDecimals().min(0).max(100_000_000),
})
