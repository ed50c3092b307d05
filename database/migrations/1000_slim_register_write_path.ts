import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The change log is an outbox of notifications: a consumer learns which person's which fact or
 * identifier changed (`entity`, `entity_id`, `action`) and reads its current state from the
 * table itself. A national load appends millions of rows, so each row stays small: the id in a
 * column instead of a jsonb copy of the row's values (about 40 % of the log's WAL), and no index by
 * person — consumers read the log in id order only. Facts lose their (attribute, value) index
 * too: nothing reads facts that way (the engine reads them by person), and every fact written
 * paid for it (5 s of a national load's rebuild).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('change_log', (table) => {
      table.bigInteger('entity_id').nullable()
      table.dropColumn('payload')
      table.dropIndex(['person_id'])
    })
    this.schema.alterTable('facts', (table) => {
      table.dropIndex(['attribute', 'value'])
    })
  }

  async down() {
    this.schema.alterTable('facts', (table) => {
      table.index(['attribute', 'value'])
    })
    this.schema.alterTable('change_log', (table) => {
      table.index(['person_id'])
      table.jsonb('payload').notNullable().defaultTo('{}')
      table.dropColumn('entity_id')
    })
  }
}
