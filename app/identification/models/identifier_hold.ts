import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { HoldStatus } from '#identification/lifecycle'

/** An issuer's block or replacement of a means, set on the staff pages; outranks its files. */
export default class IdentifierHold extends BaseModel {
  @column({ isPrimary: true })
  declare identifierId: number

  @column()
  declare status: HoldStatus

  @column()
  declare reason: string

  @column()
  declare replacedById: number | null

  @column()
  declare userId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
