import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import type { TenantKind, TenantStatus } from '#platform/access/roles'
import Membership from '#tenancy/models/membership'
import TenantPlugin from '#platform/plugins/models/tenant_plugin'

export default class Tenant extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: TenantKind

  @column()
  declare name: string

  @column()
  declare registrationNumber: string

  @column()
  declare contactEmail: string

  @column()
  declare contactPhone: string | null

  @column()
  declare status: TenantStatus

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  @hasMany(() => TenantPlugin)
  declare plugins: HasMany<typeof TenantPlugin>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isActive() {
    return this.status === 'active'
  }
}
