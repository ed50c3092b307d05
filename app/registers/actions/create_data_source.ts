import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#platform/audit/record_audit'
import { getDataSource, type DataSourceRecord } from '#registers/queries/data_sources'

export interface CreateDataSourceInput {
  code: string
  name: string
  description?: string | null
  /** Attribute keys from the attribute catalogue the source may deliver. */
  allowedAttributes: string[]
  deliversPersons: boolean
  deliversIdentifiers: boolean
  ctx?: HttpContext
}

/** Registers a data source (a register that delivers persons, facts or identifiers). */
export default class CreateDataSource {
  async handle({ ctx, ...data }: CreateDataSourceInput): Promise<DataSourceRecord> {
    const id = await db.transaction(async (trx) => {
      const now = new Date()
      const [row] = await trx
        .table('data_sources')
        .insert({
          code: data.code,
          name: data.name,
          description: data.description ?? null,
          allowed_attributes: JSON.stringify([...new Set(data.allowedAttributes)].sort()),
          delivers_persons: data.deliversPersons,
          delivers_identifiers: data.deliversIdentifiers,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
      const sourceId = typeof row === 'object' ? row.id : row
      await recordAudit({
        action: 'registers.data_source.created',
        subjectType: 'data_source',
        subjectId: sourceId,
        metadata: {
          code: data.code,
          allowedAttributes: data.allowedAttributes,
          deliversPersons: data.deliversPersons,
          deliversIdentifiers: data.deliversIdentifiers,
        },
        ctx,
        trx,
      })
      return sourceId as number
    })
    return getDataSource(id)
  }
}
