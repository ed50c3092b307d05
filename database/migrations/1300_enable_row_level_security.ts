import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRole } from '#config/database'
import { ensureAppRoleSql } from '#platform/database/app_role'
import {
  CROSS_TENANT_SQL,
  CURRENT_TENANT_SQL,
  tenantIsolationSql,
} from '#platform/database/row_level_security'

/** Tables whose policies differ from the plain tenant wall (see below). */
const SPECIAL = new Set(['audit_logs', 'contracts'])

/**
 * The second wall between tenants: the app connects as its own role (app_role.ts), which owns
 * no table and may not bypass row-level security, and every table with a `tenant_id` shows it
 * only the rows of the tenant its code runs for. This migration runs as the tables' owner.
 * Not FORCEd: the owner is used only by migrations, seeders and admin commands, which must
 * see everything (and a superuser owner would bypass FORCE anyway).
 */
export default class extends BaseSchema {
  async up() {
    const role = `"${appRole.name.replaceAll('"', '""')}"`
    this.schema.raw(ensureAppRoleSql(appRole.name, appRole.password))
    this.schema.raw(`
      DO $$
      BEGIN
        IF current_user = ${`'${appRole.name.replaceAll("'", "''")}'`} THEN
          RAISE EXCEPTION 'the app role must not be the tables'' owner: give DATABASE_URL the owner';
        END IF;
      END
      $$;
    `)

    // What the app does, and no more: no TRUNCATE, no ownership (so no ALTER, no DISABLE
    // TRIGGER, no policy changes). CREATE on the schema is for the register import's UNLOGGED
    // staging tables, which the app role then owns.
    this.schema.raw(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`)
    this.schema.raw(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`
    )
    this.schema.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`)
    this.schema.raw(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`
    )
    this.schema.raw(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`
    )
    this.schema.raw(
      `REVOKE INSERT, UPDATE, DELETE ON adonis_schema, adonis_schema_versions FROM ${role}`
    )
    // The audit log: the app appends and reads, never rewrites.
    this.schema.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_logs FROM ${role}`)

    this.defer(async (db) => {
      const { rows } = await db.rawQuery<{ rows: { table_name: string }[] }>(
        `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND c.column_name = 'tenant_id'
           AND t.table_type = 'BASE TABLE'
         ORDER BY 1`
      )
      for (const { table_name: table } of rows) {
        if (!SPECIAL.has(table)) await db.rawQuery(tenantIsolationSql(table))
      }
    })

    // A contract binds two tenants: the grantor owns it; the provider it names reads it, its
    // benefit and service lists and the benefits it covers, and answers it (the app lets the
    // provider change only the answer). Services are a provider's offer to every grantor, who
    // picks them when proposing a contract. (Named tenant_party_* so that the cheap
    // tenant_isolation check comes first.)
    const cur = CURRENT_TENANT_SQL
    this.schema.raw(tenantIsolationSql('contracts'))
    this.schema.raw(`
      CREATE POLICY tenant_party_reads ON contracts FOR SELECT USING (provider_tenant_id = ${cur});
      CREATE POLICY tenant_party_answers ON contracts FOR UPDATE
        USING (provider_tenant_id = ${cur}) WITH CHECK (provider_tenant_id = ${cur});
      CREATE POLICY tenant_party_reads ON contract_benefits FOR SELECT USING (EXISTS (
        SELECT 1 FROM contracts c WHERE c.id = contract_id AND c.provider_tenant_id = ${cur}));
      CREATE POLICY tenant_party_reads ON contract_services FOR SELECT USING (EXISTS (
        SELECT 1 FROM contracts c WHERE c.id = contract_id AND c.provider_tenant_id = ${cur}));
      CREATE POLICY tenant_party_reads ON benefits FOR SELECT USING (EXISTS (
        SELECT 1 FROM contract_benefits cb JOIN contracts c ON c.id = cb.contract_id
        WHERE cb.benefit_id = benefits.id AND c.provider_tenant_id = ${cur}));
      CREATE POLICY tenant_party_reads ON services FOR SELECT USING (${cur} IS NOT NULL);
    `)

    // Audit rows: a tenant reads its own; rows are appended for the current tenant or for
    // none (platform events such as a login); the operator reads all on the audited path.
    this.schema.raw(`ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY`)
    this.schema.raw(`
      CREATE POLICY audit_reads ON audit_logs FOR SELECT
        USING (tenant_id = ${CURRENT_TENANT_SQL} OR ${CROSS_TENANT_SQL})
    `)
    this.schema.raw(`
      CREATE POLICY audit_appends ON audit_logs FOR INSERT
        WITH CHECK (tenant_id IS NULL OR tenant_id = ${CURRENT_TENANT_SQL} OR ${CROSS_TENANT_SQL})
    `)
  }

  async down() {
    this.defer(async (db) => {
      const { rows } = await db.rawQuery<{ rows: { table_name: string }[] }>(
        `SELECT relname AS table_name FROM pg_class
         WHERE relrowsecurity AND relnamespace = current_schema()::regnamespace`
      )
      for (const { table_name: table } of rows) {
        await db.rawQuery(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`)
        await db.rawQuery(
          `DROP POLICY IF EXISTS tenant_isolation ON ${table}; DROP POLICY IF EXISTS tenant_party_reads ON ${table}; DROP POLICY IF EXISTS tenant_party_answers ON ${table}; DROP POLICY IF EXISTS audit_reads ON ${table}; DROP POLICY IF EXISTS audit_appends ON ${table}`
        )
      }
    })
  }
}
