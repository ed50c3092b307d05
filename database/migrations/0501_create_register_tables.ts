import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Register data: persons, their code history, time-bounded facts from data sources, import
 * batches and the ordered change log the entitlement engine consumes. Persons are platform data
 * (no tenant_id); tenants reach them only through entitlements and groups.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('data_sources', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.string('name', 200).notNullable()
      table.jsonb('allowed_attributes').notNullable().defaultTo('[]')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('persons', (table) => {
      table.bigIncrements('id')
      // HMAC-SHA256 of the current normalized personal code, and the code encrypted for display.
      table.string('code_hash', 64).notNullable().unique()
      table.text('code_encrypted').notNullable()
      table.string('given_names', 200).notNullable()
      table.string('surname', 200).notNullable()
      table.date('birth_date').notNullable()
      table.date('death_date').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('person_code_history', (table) => {
      table.bigIncrements('id')
      table.bigInteger('person_id').notNullable().references('persons.id').onDelete('CASCADE')
      table.string('code_hash', 64).notNullable().unique()
      table.text('code_encrypted').notNullable()
      table.string('format', 8).notNullable()
      table.date('valid_from').nullable()
      table.date('valid_to').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['person_id'])
    })

    this.schema.createTable('register_imports', (table) => {
      table.bigIncrements('id')
      table.integer('data_source_id').notNullable().references('data_sources.id')
      table.string('mode', 16).notNullable()
      table.string('status', 16).notNullable()
      table.string('origin', 16).notNullable()
      table.integer('accepted').notNullable().defaultTo(0)
      table.integer('unchanged').notNullable().defaultTo(0)
      table.integer('rejected').notNullable().defaultTo(0)
      table.text('error_report_path').nullable()
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.index(['data_source_id', 'started_at'])
    })

    this.schema.createTable('facts', (table) => {
      table.bigIncrements('id')
      table.bigInteger('person_id').notNullable().references('persons.id').onDelete('CASCADE')
      table.string('attribute', 100).notNullable()
      table.string('value', 200).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.integer('data_source_id').notNullable().references('data_sources.id')
      table.bigInteger('import_id').nullable().references('register_imports.id')
      table.timestamp('received_at', { useTz: true }).notNullable()
      // Set when a snapshot no longer contains the fact; the row stays for history.
      table.timestamp('retracted_at', { useTz: true }).nullable()
      table.unique(['person_id', 'attribute', 'value', 'valid_from', 'data_source_id'])
      table.index(['attribute', 'value'])
    })
    this.schema.raw(
      `ALTER TABLE facts ADD CONSTRAINT facts_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from)`
    )

    this.schema.createTable('change_log', (table) => {
      table.bigIncrements('id')
      table.bigInteger('person_id').notNullable().references('persons.id').onDelete('CASCADE')
      table.string('entity', 16).notNullable()
      table.string('action', 16).notNullable()
      table.string('attribute', 100).nullable()
      table.integer('data_source_id').nullable().references('data_sources.id')
      table.bigInteger('import_id').nullable().references('register_imports.id')
      table.jsonb('payload').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['person_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('change_log')
    this.schema.dropTableIfExists('facts')
    this.schema.dropTableIfExists('register_imports')
    this.schema.dropTableIfExists('person_code_history')
    this.schema.dropTableIfExists('persons')
    this.schema.dropTableIfExists('data_sources')
  }
}
