import vine from '@vinejs/vine'
import { registrableAttributes } from '#registers/import/import_catalogue'

/** A data source: a short code (used by the CLI and the push API path), name, what it delivers. */
export const dataSourceValidator = vine.create({
  code: vine
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{1,63}$/)
    .unique(async (db, value) => !(await db.from('data_sources').where('code', value).first())),
  name: vine.string().trim().minLength(2).maxLength(200),
  description: vine.string().trim().maxLength(2000).nullable().optional(),
  allowedAttributes: vine.array(vine.string().in(registrableAttributes())).distinct().optional(),
  deliversPersons: vine.boolean().optional(),
  deliversIdentifiers: vine.boolean().optional(),
})

/** A file set upload: one to three CSV files and the batch mode. */
export const importUploadValidator = vine.create({
  mode: vine.enum(['snapshot', 'delta'] as const),
  persons: vine.file({ size: '200mb', extnames: ['csv', 'txt'] }).optional(),
  facts: vine.file({ size: '200mb', extnames: ['csv', 'txt'] }).optional(),
  identifiers: vine.file({ size: '200mb', extnames: ['csv', 'txt'] }).optional(),
})
