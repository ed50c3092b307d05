import vine from '@vinejs/vine'
import { GROUP_KINDS } from '#catalogue/catalogue_options'
import { uniqueInTenant } from '#tenancy/validators/rules'

export const createGroupValidator = vine.withMetaData<{ tenantId: number }>().create({
  key: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]*$/)
    .maxLength(64)
    .use(uniqueInTenant('person_groups', 'key')),
  nameLv: vine.string().trim().minLength(2).maxLength(200),
  nameEn: vine.string().trim().minLength(2).maxLength(200),
  kind: vine.enum(GROUP_KINDS),
  rule: vine
    .string()
    .trim()
    .maxLength(5000)
    .nullable()
    .optional()
    .requiredWhen('kind', '=', 'rule'),
})

/** A CSV of `personal_code,valid_from,valid_to` (a file or pasted text). */
export const uploadMembersValidator = vine.create({
  file: vine.file({ size: '5mb', extnames: ['csv', 'txt'] }).optional(),
  csv: vine.string().maxLength(5_000_000).optional().requiredIfMissing('file'),
})
