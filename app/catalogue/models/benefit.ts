import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { Visibility } from '#catalogue/catalogue_options'
import BenefitVersion from '#catalogue/models/benefit_version'

/** A grantor's benefit; what it grants and to whom lives in its dated versions. */
export default class Benefit extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare code: string

  @column()
  declare sector: string

  @column()
  declare visibility: Visibility

  @hasMany(() => BenefitVersion)
  declare versions: HasMany<typeof BenefitVersion>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
