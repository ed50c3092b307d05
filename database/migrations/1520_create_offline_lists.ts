import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolationSql } from '#platform/database/row_level_security'

/**
 * Offline lists (app/decisions/offline_lists/README.md).
 * - `person_identifiers.list_hash`: HMAC-SHA256 of `type:value` under the offline-list key,
 *   computed by the import next to `value_hash` (the platform's key never leaves it; the list
 *   key is the one providers' validators hold). NULL until the identifier is imported again.
 * - `offline_list_entries`: each provider's list as last refreshed, one row per (identifier,
 *   grantor, benefit, first day). A row stamped with a new `sequence` changed (or was removed:
 *   kept as a tombstone), so a delta since N is the provider's rows with `sequence > N`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('person_identifiers', (table) => {
      table.string('list_hash', 64).nullable()
    })
    this.schema.raw('CREATE SEQUENCE offline_list_sequence')
    this.schema.createTable('offline_list_entries', (table) => {
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('list_hash', 64).notNullable()
      table.string('grantor', 32).notNullable()
      table.string('benefit', 64).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_until').nullable()
      table.integer('priority').notNullable()
      table.bigInteger('sequence').notNullable()
      table.boolean('removed').notNullable().defaultTo(false)
      table.primary(['tenant_id', 'list_hash', 'grantor', 'benefit', 'valid_from'])
      table.index(['tenant_id', 'sequence'])
    })
    this.schema.raw(tenantIsolationSql('offline_list_entries'))
  }

  async down() {
    this.schema.dropTable('offline_list_entries')
    this.schema.raw('DROP SEQUENCE offline_list_sequence')
    this.schema.alterTable('person_identifiers', (table) => {
      table.dropColumn('list_hash')
    })
  }
}
