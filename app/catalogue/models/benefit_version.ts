import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import type {
  BenefitForm,
  BudgetPeriod,
  CombinationPolicy,
  TimeWindow,
  VersionStatus,
} from '#catalogue/catalogue_options'
import { bigintColumn, dateColumn, jsonColumn } from '#catalogue/support/columns'
import Benefit from '#catalogue/models/benefit'
import RuleScenario from '#catalogue/models/rule_scenario'

export interface StoredScenarioResult {
  scenario: string
  person: string
  expected: boolean
  actual: boolean | null
  passed: boolean
  reason?: string
}

/**
 * One dated version of a benefit: its wording, legal basis, value,
 * applicability, priority, budget and eligibility rule. Only drafts change;
 * a published version keeps its content and only gets an end date.
 */
export default class BenefitVersion extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare tenantId: number

  @column()
  declare benefitId: number

  @column()
  declare version: number

  @column(dateColumn)
  declare effectiveFrom: string

  @column(dateColumn)
  declare effectiveTo: string | null

  @column()
  declare status: VersionStatus

  @column()
  declare nameLv: string

  @column()
  declare nameEn: string

  @column()
  declare descriptionLv: string

  @column()
  declare descriptionEn: string

  @column()
  declare legalAct: string | null

  @column()
  declare legalPoint: string | null

  @column()
  declare legalUrl: string | null

  @column()
  declare programmeTerms: string | null

  @column()
  declare form: BenefitForm

  /** Percent (1–100) for `percent`, cents for `fixed_price` and `amount_off`, null for `free`. */
  @column()
  declare value: number | null

  @column(jsonColumn)
  declare serviceCodes: string[]

  @column(jsonColumn)
  declare municipalities: string[]

  /** ISO weekdays 1 (Monday) … 7 (Sunday); empty = every day. */
  @column(jsonColumn)
  declare weekdays: number[]

  @column(jsonColumn)
  declare timeWindows: TimeWindow[]

  /** `MM-DD` days on which the benefit applies (e.g. 05-04, 11-18); empty = no restriction. */
  @column(jsonColumn)
  declare specificDates: string[]

  @column()
  declare limitPerDay: number | null

  @column()
  declare limitPerMonth: number | null

  @column()
  declare priority: number

  @column()
  declare combinationPolicy: CombinationPolicy

  @column(bigintColumn)
  declare budgetCents: number | null

  @column()
  declare budgetPeriod: BudgetPeriod | null

  /** The eligibility rule, CEL source. */
  @column()
  declare rule: string

  @column(jsonColumn)
  declare ruleReferences: Record<string, unknown>

  @column(jsonColumn)
  declare scenarioResults: StoredScenarioResult[] | null

  @column()
  declare scenariosPassed: boolean | null

  /** Fields contributed by plugins (benefitFields registry), by key. */
  @column(jsonColumn)
  declare extra: Record<string, unknown>

  @column()
  declare authorId: number | null

  @column()
  declare authorLabel: string

  @column()
  declare submittedBy: number | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare publishedBy: number | null

  @column()
  declare publishedByLabel: string | null

  @column.dateTime()
  declare publishedAt: DateTime | null

  @belongsTo(() => Benefit)
  declare benefit: BelongsTo<typeof Benefit>

  @hasMany(() => RuleScenario, { foreignKey: 'versionId' })
  declare scenarios: HasMany<typeof RuleScenario>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isDraft() {
    return this.status === 'draft'
  }
}
