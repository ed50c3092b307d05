import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** What a provider sells and a benefit may apply to (a single ticket, a school lunch…). */
export default class Service extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  /** The provider tenant. */
  @column()
  declare tenantId: number

  @column()
  declare code: string

  @column()
  declare nameLv: string

  @column()
  declare nameEn: string

  @column()
  declare sector: string

  @column()
  declare basePriceCents: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
