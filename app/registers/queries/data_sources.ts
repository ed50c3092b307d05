import db from '@adonisjs/lucid/services/db'

/** A data source as the registers context hands it around (plain data, camelCase). */
export interface DataSourceRecord {
  id: number
  code: string
  name: string
  description: string | null
  allowedAttributes: string[]
  deliversPersons: boolean
  deliversIdentifiers: boolean
  createdAt: Date
}

function toRecord(row: Record<string, any>): DataSourceRecord {
  const allowed = row.allowed_attributes
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description ?? null,
    allowedAttributes: typeof allowed === 'string' ? JSON.parse(allowed) : (allowed ?? []),
    deliversPersons: row.delivers_persons,
    deliversIdentifiers: row.delivers_identifiers,
    createdAt: new Date(row.created_at),
  }
}

/** Data sources are platform data (no tenant): only operators reach these queries. */
export async function listDataSources(): Promise<DataSourceRecord[]> {
  const rows = await db.from('data_sources').select('*').orderBy('name', 'asc')
  return rows.map(toRecord)
}

/** Throws E_ROW_NOT_FOUND (404) for an unknown id. */
export async function getDataSource(id: number): Promise<DataSourceRecord> {
  const row = await db.from('data_sources').where('id', id).firstOrFail()
  return toRecord(row)
}

export async function findDataSourceByCode(code: string): Promise<DataSourceRecord | null> {
  const row = await db.from('data_sources').where('code', code).first()
  return row ? toRecord(row) : null
}
