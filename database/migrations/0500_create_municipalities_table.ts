import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('municipalities', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('name_lv', 100).notNullable()
      table.string('name_en', 100).nullable()
      table.string('kind', 16).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.integer('population_approx').nullable()
      table.index(['name_lv'])
    })
    this.schema.raw(
      `ALTER TABLE municipalities ADD CONSTRAINT municipalities_kind_check CHECK (kind IN ('state_city', 'municipality'))`
    )
    this.schema.raw(
      `ALTER TABLE municipalities ADD CONSTRAINT municipalities_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from)`
    )
  }

  async down() {
    this.schema.dropTableIfExists('municipalities')
  }
}
