import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A running import beats (`heartbeat_at`) and holds a session advisory lock; the recovery job
 * fails an import whose lock is free or whose heartbeat went stale, and names why in
 * `failure_reason` (translated on the import page, `registers.imports.failures.*`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('register_imports', (table) => {
      table.timestamp('heartbeat_at', { useTz: true }).nullable()
      table.string('failure_reason', 32).nullable()
    })
    this.schema.raw(
      `CREATE INDEX register_imports_unfinished ON register_imports (id) WHERE status IN ('queued', 'running')`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS register_imports_unfinished')
    this.schema.alterTable('register_imports', (table) => {
      table.dropColumns('heartbeat_at', 'failure_reason')
    })
  }
}
