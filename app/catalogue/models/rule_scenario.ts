import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { dateColumn, jsonColumn } from '#catalogue/support/columns'

export interface ScenarioFact {
  attribute: string
  value: string
  from: string
  to: string | null
}

export interface ScenarioPerson {
  name: string
  birthDate: string
  facts: ScenarioFact[]
  groups?: { key: string; from: string; to: string | null }[]
  identifiers?: { type: string; from: string; to: string | null }[]
  expected: boolean
}

/** An OpenFisca-style test of a version's rule: persons with facts, a date, the expected answer. */
export default class RuleScenario extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare versionId: number

  @column()
  declare position: number

  @column()
  declare name: string

  @column(dateColumn)
  declare date: string

  @column(jsonColumn)
  declare persons: ScenarioPerson[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
