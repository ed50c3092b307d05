import { BaseSchema } from '@adonisjs/lucid/schema'
import { rechainAuditLog } from '#platform/audit/rechain_audit_log'

/**
 * The audit chain becomes keyed (HMAC-SHA256, key outside the database), its head moves to a
 * one-row table, and signed checkpoints get an insert-only table. Entries already written under
 * the unkeyed SHA-256 chain are re-chained under the key here, once, and the re-chain is itself
 * recorded as an entry (`audit.chain.rekeyed`) saying whether the old chain verified.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('audit_logs', (table) => {
      table.renameColumn('prev_hash', 'prev_mac')
      table.renameColumn('hash', 'mac')
    })
    this.schema.raw('ALTER INDEX audit_logs_hash_unique RENAME TO audit_logs_mac_unique')

    this.schema.createTable('audit_chain_head', (table) => {
      table.smallint('id').primary()
      table.bigInteger('last_id').notNullable()
      table.string('last_mac', 64).notNullable()
      table.bigInteger('entry_count').notNullable()
      table.bigInteger('checkpoint_count').notNullable()
      table.timestamp('checkpoint_at', { useTz: true }).nullable()
      table.check('id = 1', [], 'audit_chain_head_one_row')
    })

    this.schema.createTable('audit_checkpoints', (table) => {
      table.bigIncrements('id')
      table.bigInteger('last_id').notNullable()
      table.string('head_mac', 64).notNullable()
      table.bigInteger('entry_count').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.string('key_id', 16).notNullable()
      table.string('signature', 128).notNullable()
    })
    // Insert-only for whoever does not own the table.
    this.schema.raw(`
      CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_checkpoints is append-only';
      END;
      $$ LANGUAGE plpgsql;
    `)
    this.schema.raw(`
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
    `)

    this.defer(async (db) => {
      await db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update')
      await rechainAuditLog(db)
      await db.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update')
    })
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS audit_checkpoints_no_update ON audit_checkpoints')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_checkpoints_append_only()')
    this.schema.dropTableIfExists('audit_checkpoints')
    this.schema.dropTableIfExists('audit_chain_head')
    this.schema.alterTable('audit_logs', (table) => {
      table.renameColumn('prev_mac', 'prev_hash')
      table.renameColumn('mac', 'hash')
    })
    this.schema.raw('ALTER INDEX audit_logs_mac_unique RENAME TO audit_logs_hash_unique')
  }
}
