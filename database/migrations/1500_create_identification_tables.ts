import { BaseSchema } from '@adonisjs/lucid/schema'
import { tenantIsolationSql } from '#platform/database/row_level_security'

/**
 * The lifecycle of identification means (app/identification/README.md) on top of the register
 * import's `person_identifiers`:
 *
 * - `identifier_issuers`: which tenant is the issuer named by an identifier's `issuer` code;
 * - `identifier_holds`: an issuer's block or replacement set on the staff pages; it outranks
 *   the status the issuer's files deliver until the issuer lifts it (a later file cannot undo it);
 * - `identifier_status_history`: every status change, with its reason, source and author;
 * - `identifier_changes`: the ordered log of changes to the means that apply, for the decision
 *   index (docs/architecture.md, "Change logs").
 *
 * Triggers write the log and the import's history rows in the statement that changes a means,
 * whoever writes it (the import's set-based statements, the staff actions), so the register
 * import knows nothing of identification. Every writer takes one advisory lock before appending,
 * so log ids are in commit order: a reader following `id > cursor` never skips a row.
 */
const CHANGES_LOCK = 7_340_201

/** Whether a means applies (dates aside): the SQL twin of `APPLYING_STATUSES`. */
const applies = (row: string, held: string) =>
  `(${row}.status IN ('issued', 'registered', 'active') AND ${row}.retracted_at IS NULL AND NOT ${held})`
const heldSql = (row: string) =>
  `EXISTS (SELECT 1 FROM identifier_holds h WHERE h.identifier_id = ${row}.id)`

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('identifier_issuers', (table) => {
      table.increments('id')
      table.string('code', 64).notNullable().unique()
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['tenant_id'])
    })
    this.schema.raw(tenantIsolationSql('identifier_issuers'))

    this.schema.createTable('identifier_holds', (table) => {
      table
        .bigInteger('identifier_id')
        .primary()
        .references('person_identifiers.id')
        .onDelete('CASCADE')
      table.string('status', 16).notNullable()
      table.string('reason', 32).notNullable()
      table
        .bigInteger('replaced_by_id')
        .nullable()
        .references('person_identifiers.id')
        .onDelete('SET NULL')
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE identifier_holds ADD CONSTRAINT identifier_holds_status_check CHECK (status IN ('blocked', 'replaced'))"
    )

    this.schema.createTable('identifier_status_history', (table) => {
      table.bigIncrements('id')
      table
        .bigInteger('identifier_id')
        .notNullable()
        .references('person_identifiers.id')
        .onDelete('CASCADE')
      table.string('from_status', 16).nullable()
      table.string('to_status', 16).notNullable()
      table.string('reason', 32).nullable()
      table
        .bigInteger('replaced_by_id')
        .nullable()
        .references('person_identifiers.id')
        .onDelete('SET NULL')
      // 'import' (the issuer's file) or 'issuer' (the staff pages).
      table.string('source', 16).notNullable()
      table.bigInteger('import_id').nullable()
      table.integer('user_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['identifier_id', 'id'])
    })

    // A log, not a relation: rows outlive the means they describe.
    this.schema.createTable('identifier_changes', (table) => {
      table.bigIncrements('id')
      table.bigInteger('identifier_id').notNullable()
      table.bigInteger('person_id').notNullable()
      table.string('value_hash', 64).notNullable()
      table.boolean('applies').notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.raw(`
      CREATE FUNCTION identification_log_inserted_means() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${CHANGES_LOCK});
        INSERT INTO identifier_changes (identifier_id, person_id, value_hash, applies, valid_from, valid_to, created_at)
        SELECT n.id, n.person_id, n.value_hash, true, n.valid_from, n.valid_to, now()
        FROM new_rows n WHERE ${applies('n', 'false')}
        ORDER BY n.id;
        RETURN NULL;
      END $$;

      CREATE FUNCTION identification_log_updated_means() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${CHANGES_LOCK});
        INSERT INTO identifier_changes (identifier_id, person_id, value_hash, applies, valid_from, valid_to, created_at)
        SELECT n.id, n.person_id, n.value_hash, ${applies('n', heldSql('n'))}, n.valid_from, n.valid_to, now()
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (${applies('n', 'false')} OR ${applies('o', 'false')})
          AND (n.person_id, n.value_hash, n.valid_from, n.valid_to, ${applies('n', 'false')})
            IS DISTINCT FROM (o.person_id, o.value_hash, o.valid_from, o.valid_to, ${applies('o', 'false')})
        ORDER BY n.id;
        INSERT INTO identifier_status_history (identifier_id, from_status, to_status, source, import_id, created_at)
        SELECT n.id, o.status, n.status, 'import', n.import_id, now()
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.status IS DISTINCT FROM o.status
        ORDER BY n.id;
        RETURN NULL;
      END $$;

      CREATE TRIGGER identification_inserted_means AFTER INSERT ON person_identifiers
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION identification_log_inserted_means();
      CREATE TRIGGER identification_updated_means AFTER UPDATE ON person_identifiers
        REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION identification_log_updated_means();

      CREATE FUNCTION identification_log_held_means() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(${CHANGES_LOCK});
        INSERT INTO identifier_changes (identifier_id, person_id, value_hash, applies, valid_from, valid_to, created_at)
        SELECT i.id, i.person_id, i.value_hash, ${applies('i', heldSql('i'))}, i.valid_from, i.valid_to, now()
        FROM person_identifiers i
        WHERE i.id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.identifier_id ELSE NEW.identifier_id END);
        RETURN NULL;
      END $$;

      CREATE TRIGGER identification_held_means AFTER INSERT OR UPDATE OR DELETE ON identifier_holds
        FOR EACH ROW EXECUTE FUNCTION identification_log_held_means();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS identification_inserted_means ON person_identifiers;
      DROP TRIGGER IF EXISTS identification_updated_means ON person_identifiers;
      DROP FUNCTION IF EXISTS identification_log_inserted_means();
      DROP FUNCTION IF EXISTS identification_log_updated_means();
      DROP FUNCTION IF EXISTS identification_log_held_means() CASCADE;
    `)
    this.schema.dropTableIfExists('identifier_changes')
    this.schema.dropTableIfExists('identifier_status_history')
    this.schema.dropTableIfExists('identifier_holds')
    this.schema.dropTableIfExists('identifier_issuers')
  }
}
