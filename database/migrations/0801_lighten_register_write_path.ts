import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A national import writes millions of facts and change-log rows in one statement each; every
 * foreign key is a per-row trigger that also locks the referenced row. The change log is an
 * append-only outbox (its rows outlive what they describe, like any log) and `import_id` is a
 * provenance note, so those keys go; facts keep their keys to persons and data sources.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('change_log', (table) => {
      table.dropForeign(['person_id'])
      table.dropForeign(['data_source_id'])
      table.dropForeign(['import_id'])
    })
    this.schema.alterTable('facts', (table) => {
      table.dropForeign(['import_id'])
    })
  }

  async down() {
    this.schema.alterTable('facts', (table) => {
      table.foreign('import_id').references('register_imports.id')
    })
    this.schema.alterTable('change_log', (table) => {
      table.foreign('import_id').references('register_imports.id')
      table.foreign('data_source_id').references('data_sources.id')
      table.foreign('person_id').references('persons.id').onDelete('CASCADE')
    })
  }
}
