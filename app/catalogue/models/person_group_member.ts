import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { dateColumn } from '#catalogue/support/columns'

/** A dated membership of a listed person (by the keyed hash of the personal code). */
export default class PersonGroupMember extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare groupId: number

  @column()
  declare personCodeHash: string

  @column(dateColumn)
  declare validFrom: string

  @column(dateColumn)
  declare validTo: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
