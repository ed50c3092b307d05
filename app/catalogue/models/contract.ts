import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, ManyToMany } from '@adonisjs/lucid/types/relations'
import type { CompensationMethod, ContractStatus } from '#catalogue/catalogue_options'
import { bigintColumn, dateColumn, jsonColumn } from '#catalogue/support/columns'
import Tenant from '#tenancy/models/tenant'
import Benefit from '#catalogue/models/benefit'
import Service from '#catalogue/models/service'

export interface CompensationParams {
  /** flat_per_use: cents per use. */
  flatCents?: number
  /** share_of_price: percent of the full price. */
  sharePercent?: number
}

/**
 * A grantor's agreement with a provider: which benefits it applies, on which
 * services, when, and how it is compensated. Owned by the grantor
 * (`tenant_id`); the provider sees it through `provider_tenant_id`.
 */
export default class Contract extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare providerTenantId: number

  @column()
  declare reference: string

  @column()
  declare status: ContractStatus

  @column(dateColumn)
  declare validFrom: string

  @column(dateColumn)
  declare validTo: string | null

  @column()
  declare compensationMethod: CompensationMethod

  @column(jsonColumn)
  declare compensationParams: CompensationParams

  @column(bigintColumn)
  declare monthlyCapCents: number | null

  @column()
  declare proposedBy: number | null

  @column()
  declare respondedBy: number | null

  @column.dateTime()
  declare respondedAt: DateTime | null

  @column()
  declare responseNote: string | null

  @belongsTo(() => Tenant)
  declare grantor: BelongsTo<typeof Tenant>

  @belongsTo(() => Tenant, { foreignKey: 'providerTenantId' })
  declare provider: BelongsTo<typeof Tenant>

  @manyToMany(() => Benefit, {
    pivotTable: 'contract_benefits',
    pivotForeignKey: 'contract_id',
    pivotRelatedForeignKey: 'benefit_id',
  })
  declare benefits: ManyToMany<typeof Benefit>

  @manyToMany(() => Service, {
    pivotTable: 'contract_services',
    pivotForeignKey: 'contract_id',
    pivotRelatedForeignKey: 'service_id',
  })
  declare services: ManyToMany<typeof Service>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
