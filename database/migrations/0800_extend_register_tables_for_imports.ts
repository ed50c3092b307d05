import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What file imports need beyond 0501: whether a source may deliver persons and identifiers,
 * progress and per-file counts of an import, and the identifiers a source delivers (stored as
 * keyed hashes, like personal codes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('data_sources', (table) => {
      table.text('description').nullable()
      table.boolean('delivers_persons').notNullable().defaultTo(false)
      table.boolean('delivers_identifiers').notNullable().defaultTo(false)
    })

    this.schema.alterTable('register_imports', (table) => {
      table.date('batch_date').nullable()
      table.string('phase', 16).nullable()
      table.bigInteger('bytes_total').notNullable().defaultTo(0)
      table.bigInteger('bytes_done').notNullable().defaultTo(0)
      table.bigInteger('rows_read').notNullable().defaultTo(0)
      // Per file: { accepted, unchanged, rejected, created, updated, ended }.
      table.jsonb('summary').notNullable().defaultTo('{}')
      table.text('error_message').nullable()
      table.text('upload_dir').nullable()
      table.integer('created_by_user_id').nullable().references('users.id').onDelete('SET NULL')
    })

    this.schema.createTable('person_identifiers', (table) => {
      table.bigIncrements('id')
      table.bigInteger('person_id').notNullable().references('persons.id').onDelete('CASCADE')
      table.string('type', 20).notNullable()
      // HMAC-SHA256 of `type:value`; the last four characters kept for recognising a card.
      table.string('value_hash', 64).notNullable()
      table.string('value_hint', 8).notNullable()
      table.string('issuer', 64).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.string('status', 16).notNullable()
      table.integer('data_source_id').notNullable().references('data_sources.id')
      // Provenance only (no foreign key: see 0801).
      table.bigInteger('import_id').nullable()
      table.timestamp('received_at', { useTz: true }).notNullable()
      table.timestamp('retracted_at', { useTz: true }).nullable()
      table.unique(['data_source_id', 'type', 'value_hash'])
      table.index(['person_id'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('person_identifiers')
    this.schema.alterTable('register_imports', (table) => {
      table.dropColumns(
        'batch_date',
        'phase',
        'bytes_total',
        'bytes_done',
        'rows_read',
        'summary',
        'error_message',
        'upload_dir',
        'created_by_user_id'
      )
    })
    this.schema.alterTable('data_sources', (table) => {
      table.dropColumns('description', 'delivers_persons', 'delivers_identifiers')
    })
  }
}
