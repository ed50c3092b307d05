import { BaseSchema } from '@adonisjs/lucid/schema'
import { appRole } from '#config/database'
import {
  CROSS_TENANT_SQL,
  CURRENT_TENANT_SQL,
  tenantIsolationSql,
} from '#platform/database/row_level_security'

/**
 * Usage transactions sent by providers' systems (app/transactions/README.md).
 *
 * - `usage_transactions` is partitioned by month of `at` (UTC months). Its key must include
 *   `at`, so it cannot enforce "one row per (API client, id)" by itself:
 * - `usage_transaction_keys` (not partitioned) can: its primary key is the idempotency key, and
 *   a batch inserts its keys with ON CONFLICT DO NOTHING in the statement that inserts the rows,
 *   so a resend (even a concurrent one) writes nothing twice.
 * - `usage_transactions_partition(day)` creates the month's partition when missing. It runs as
 *   the tables' owner (SECURITY DEFINER): the app role owns no table, and only the owner of the
 *   parent may add a partition. Each partition gets the parent's tenant wall too (a query
 *   through the parent uses the parent's policy; one naming the partition, the partition's).
 *
 * No foreign keys: a batch writes up to 10 000 rows in one statement, and the rows are history
 * that outlives the services, benefits and clients they name.
 */
export default class extends BaseSchema {
  async up() {
    const wall = `tenant_id = ${CURRENT_TENANT_SQL} OR ${CROSS_TENANT_SQL}`
    const quote = (sql: string) => `'${sql.replaceAll("'", "''")}'`
    this.schema.raw(`
      CREATE TABLE usage_transactions (
        id bigint NOT NULL,
        tenant_id integer NOT NULL,
        api_client_id integer NOT NULL,
        external_id varchar(100) NOT NULL,
        kind varchar(12) NOT NULL DEFAULT 'usage'
          CHECK (kind IN ('usage', 'correction', 'reversal')),
        corrects_id bigint NULL,
        corrects_external_id varchar(100) NULL,
        at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        service_id integer NULL,
        service_code varchar(64) NOT NULL,
        full_price_cents integer NOT NULL,
        charged_price_cents integer NOT NULL,
        claimed_benefit_code varchar(64) NULL,
        benefit_id integer NULL,
        benefit_version_id integer NULL,
        grantor_tenant_id integer NULL,
        expected_price_cents integer NULL,
        person_id bigint NULL,
        identifier_hash varchar(64) NULL,
        decision_jti varchar(64) NULL,
        place varchar(200) NULL,
        flags text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (id, at),
        CHECK ((kind = 'usage') = (corrects_id IS NULL))
      ) PARTITION BY RANGE (at)
    `)
    this.schema.raw('CREATE SEQUENCE usage_transactions_id_seq AS bigint')
    this.schema.raw(
      `ALTER TABLE usage_transactions ALTER COLUMN id SET DEFAULT nextval('usage_transactions_id_seq')`
    )
    this.schema.raw(
      'CREATE INDEX usage_transactions_tenant_at ON usage_transactions (tenant_id, at)'
    )
    this.schema.raw(
      'CREATE INDEX usage_transactions_grantor_at ON usage_transactions (grantor_tenant_id, at) WHERE grantor_tenant_id IS NOT NULL'
    )
    this.schema.raw(
      'CREATE INDEX usage_transactions_corrects ON usage_transactions (corrects_id) WHERE corrects_id IS NOT NULL'
    )

    this.schema.raw(`
      CREATE TABLE usage_transaction_keys (
        api_client_id integer NOT NULL,
        external_id varchar(100) NOT NULL,
        tenant_id integer NOT NULL,
        transaction_id bigint NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (api_client_id, external_id)
      )
    `)
    this.schema.raw(
      'CREATE INDEX usage_transaction_keys_tenant ON usage_transaction_keys (tenant_id)'
    )

    this.schema.raw(tenantIsolationSql('usage_transactions'))
    this.schema.raw(tenantIsolationSql('usage_transaction_keys'))

    this.schema.raw(`
      CREATE FUNCTION usage_transactions_partition(day date) RETURNS text
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        first date := date_trunc('month', day)::date;
        name text := 'usage_transactions_' || to_char(first, 'YYYY_MM');
        lower timestamptz := first::timestamp AT TIME ZONE 'UTC';
        upper timestamptz := (first + interval '1 month')::timestamp AT TIME ZONE 'UTC';
      BEGIN
        IF to_regclass(name) IS NULL THEN
          BEGIN
            EXECUTE format(
              'CREATE TABLE %I PARTITION OF usage_transactions FOR VALUES FROM (%L) TO (%L)',
              name, lower, upper);
            EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', name);
            EXECUTE format(
              'CREATE POLICY tenant_isolation ON %I USING (%s) WITH CHECK (%s)',
              name, ${quote(wall)}, ${quote(wall)});
          EXCEPTION WHEN duplicate_table OR unique_violation THEN
            NULL; -- another session made it first
          END;
        END IF;
        RETURN name;
      END $$
    `)
    const role = `"${appRole.name.replaceAll('"', '""')}"`
    this.schema.raw('REVOKE ALL ON FUNCTION usage_transactions_partition(date) FROM PUBLIC')
    this.schema.raw(`GRANT EXECUTE ON FUNCTION usage_transactions_partition(date) TO ${role}`)

    // Two years back and a year ahead; older and later months are made on demand.
    this.schema.raw(`
      SELECT usage_transactions_partition(
        (date_trunc('month', now()) + make_interval(months => m))::date)
      FROM generate_series(-24, 12) AS m
    `)

    // Transactions name identifiers by hash alone (no data source): find them by it.
    this.schema.raw(
      'CREATE INDEX IF NOT EXISTS person_identifiers_value_hash ON person_identifiers (value_hash)'
    )
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS usage_transactions_partition(date)')
    this.schema.raw('DROP TABLE IF EXISTS usage_transaction_keys')
    this.schema.raw('DROP TABLE IF EXISTS usage_transactions')
    this.schema.raw('DROP SEQUENCE IF EXISTS usage_transactions_id_seq')
  }
}
