import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Where each register connector (a plugin's puller of a remote register) has read up to: an
 * opaque cursor the connector hands back with each batch, stored after the batch is applied.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('register_connector_cursors', (table) => {
      table.string('connector', 100).primary()
      table.text('cursor').nullable()
      table.integer('batches').notNullable().defaultTo(0)
      table.bigInteger('last_import_id').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('register_connector_cursors')
  }
}
