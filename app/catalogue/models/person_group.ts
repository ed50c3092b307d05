import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { GroupKind } from '#catalogue/catalogue_options'
import PersonGroupMember from '#catalogue/models/person_group_member'

/** A named set of persons: defined by a CEL rule, or a list the grantor uploads. */
export default class PersonGroup extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  /** Used in rules: `in_group("<key>")`. */
  @column()
  declare key: string

  @column()
  declare nameLv: string

  @column()
  declare nameEn: string

  @column()
  declare kind: GroupKind

  @column()
  declare rule: string | null

  @hasMany(() => PersonGroupMember, { foreignKey: 'groupId' })
  declare members: HasMany<typeof PersonGroupMember>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
