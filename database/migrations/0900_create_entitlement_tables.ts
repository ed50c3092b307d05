import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The entitlement store: who is entitled to which benefit from which day to which day, and why.
 *
 * - `entitlements`: one row per entitled period. Current rows have `ended_at IS NULL`; a row a
 *   run no longer produces is closed (`ended_at` set), never deleted, so history is kept.
 *   `valid_to` is the last entitled day; NULL means "beyond the evaluation horizon".
 *   No foreign keys: a full run writes millions of rows in one statement per chunk and every
 *   key is a per-row trigger; the engine writes only ids it has just read (tenant, benefit,
 *   version, person), and the rows are history that outlives what they describe.
 * - `entitlement_changes`: the ordered outbox the decision index reads (granted | ended |
 *   changed). Replaying it from id 0 rebuilds the set of current entitlements.
 * - `entitlement_decisions`: a grantor's manual grant or revoke for a person, a benefit and a
 *   period, with the reason and the author. The engine applies them on every run.
 * - `entitlement_runs` (+ chunks): full, incremental and horizon runs with progress; a chunk
 *   marked done is skipped when its job is dispatched again.
 * - `entitlement_cursors`: how far the incremental runs have read the register change log.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('entitlements', (table) => {
      table.bigIncrements('id')
      table.integer('tenant_id').notNullable()
      table.bigInteger('person_id').notNullable()
      table.integer('benefit_id').notNullable()
      table.integer('version_id').nullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.string('source', 8).notNullable()
      table.bigInteger('decision_id').nullable()
      table.jsonb('explanation').notNullable().defaultTo('{}')
      table.bigInteger('run_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('ended_at', { useTz: true }).nullable()
      table.index(['tenant_id', 'benefit_id'])
    })
    this.schema.raw(
      "ALTER TABLE entitlements ADD CONSTRAINT entitlements_source_check CHECK (source IN ('rule','list','manual'))"
    )
    this.schema.raw(
      'ALTER TABLE entitlements ADD CONSTRAINT entitlements_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from)'
    )
    this.schema.raw(
      'CREATE INDEX entitlements_current_person ON entitlements (person_id) WHERE ended_at IS NULL'
    )

    this.schema.createTable('entitlement_changes', (table) => {
      table.bigIncrements('id')
      table.string('kind', 8).notNullable()
      table.bigInteger('entitlement_id').notNullable()
      table.bigInteger('previous_id').nullable()
      table.integer('tenant_id').notNullable()
      table.bigInteger('person_id').notNullable()
      table.integer('benefit_id').notNullable()
      table.bigInteger('run_id').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.raw(
      "ALTER TABLE entitlement_changes ADD CONSTRAINT entitlement_changes_kind_check CHECK (kind IN ('granted','ended','changed'))"
    )

    this.schema.createTable('entitlement_decisions', (table) => {
      table.bigIncrements('id')
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.bigInteger('person_id').notNullable()
      table.integer('benefit_id').notNullable().references('benefits.id').onDelete('CASCADE')
      table.string('kind', 8).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.text('reason').notNullable()
      table.integer('author_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('author_label', 254).notNullable()
      table.timestamp('withdrawn_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['tenant_id'])
      table.index(['person_id'])
    })
    this.schema.raw(
      "ALTER TABLE entitlement_decisions ADD CONSTRAINT entitlement_decisions_kind_check CHECK (kind IN ('grant','revoke'))"
    )
    this.schema.raw(
      'ALTER TABLE entitlement_decisions ADD CONSTRAINT entitlement_decisions_period_check CHECK (valid_to IS NULL OR valid_to >= valid_from)'
    )

    this.schema.createTable('entitlement_runs', (table) => {
      table.bigIncrements('id')
      table.string('kind', 12).notNullable()
      table.string('status', 12).notNullable()
      table.date('horizon_from').notNullable()
      table.date('horizon_to').notNullable()
      table.integer('chunks_total').notNullable().defaultTo(0)
      table.integer('chunks_done').notNullable().defaultTo(0)
      table.bigInteger('persons').notNullable().defaultTo(0)
      table.bigInteger('granted').notNullable().defaultTo(0)
      table.bigInteger('ended').notNullable().defaultTo(0)
      table.bigInteger('changed').notNullable().defaultTo(0)
      table.jsonb('version_ids').notNullable().defaultTo('[]')
      table.text('error').nullable()
      table.integer('started_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('started_at', { useTz: true }).notNullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
    })

    this.schema.createTable('entitlement_run_chunks', (table) => {
      table.bigInteger('run_id').notNullable().references('entitlement_runs.id').onDelete('CASCADE')
      table.integer('position').notNullable()
      table.bigInteger('from_id').notNullable()
      table.bigInteger('to_id').notNullable()
      table.timestamp('done_at', { useTz: true }).nullable()
      table.primary(['run_id', 'position'])
    })

    this.schema.createTable('entitlement_cursors', (table) => {
      table.string('name', 32).primary()
      table.bigInteger('position').notNullable().defaultTo(0)
      table.timestamp('stamp', { useTz: true }).nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTableIfExists('entitlement_cursors')
    this.schema.dropTableIfExists('entitlement_run_chunks')
    this.schema.dropTableIfExists('entitlement_runs')
    this.schema.dropTableIfExists('entitlement_decisions')
    this.schema.dropTableIfExists('entitlement_changes')
    this.schema.dropTableIfExists('entitlements')
  }
}
