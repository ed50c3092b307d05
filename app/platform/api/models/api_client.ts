import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { ApiClientOwnerType, ApiScope } from '#platform/api/scopes'

/**
 * A machine client of the /api/v1 API, owned by a tenant or by a data source.
 * Only a SHA-256 hash of its (32 random bytes) secret is stored.
 */
export default class ApiClient extends BaseModel {
  static table = 'api_clients'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare ownerType: ApiClientOwnerType

  @column()
  declare ownerId: number

  /** The owning tenant; null for a data source's client. */
  @column()
  declare tenantId: number | null

  @column()
  declare name: string

  /** Public identifier sent as `client_id`. */
  @column()
  declare clientId: string

  @column({ serializeAs: null })
  declare secretHash: string

  @column()
  declare secretGeneration: number

  // pg would send a JS array as a PostgreSQL array literal, not JSON.
  @column({ prepare: (value: ApiScope[]) => JSON.stringify(value) })
  declare scopes: ApiScope[]

  @column()
  declare rateLimitPerMinute: number

  @column.dateTime()
  declare lastUsedAt: DateTime | null

  @column.dateTime()
  declare revokedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isRevoked() {
    return this.revokedAt !== null
  }
}
