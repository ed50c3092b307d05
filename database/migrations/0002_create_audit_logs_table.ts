import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.integer('tenant_id').nullable().references('tenants.id').onDelete('RESTRICT')
      table.integer('actor_user_id').nullable().references('users.id').onDelete('RESTRICT')
      table.string('actor_label', 254).nullable()
      table.string('action', 100).notNullable()
      table.string('subject_type', 64).nullable()
      table.string('subject_id', 64).nullable()
      table.jsonb('metadata').notNullable().defaultTo('{}')
      table.string('request_id', 64).nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.string('prev_hash', 64).notNullable()
      table.string('hash', 64).notNullable().unique()
      table.index(['tenant_id', 'created_at'])
      table.index(['action'])
    })
    // Append-only: the database refuses UPDATE and DELETE on audit rows.
    this.schema.raw(`
      CREATE FUNCTION audit_logs_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only';
      END;
      $$ LANGUAGE plpgsql;
    `)
    this.schema.raw(`
      CREATE TRIGGER audit_logs_no_update BEFORE UPDATE OR DELETE ON audit_logs
      FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
    `)
  }

  async down() {
    this.schema.raw('DROP TRIGGER IF EXISTS audit_logs_no_update ON audit_logs')
    this.schema.raw('DROP FUNCTION IF EXISTS audit_logs_append_only()')
    this.schema.dropTableIfExists('audit_logs')
  }
}
