import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Entitlement dates are no longer clipped to an evaluation horizon: the engine evaluates each
 * person over all time, so runs have no horizon and signatures no horizon start. The stored
 * signatures describe horizon-clipped rows: they are dropped, so the next full run diffs every
 * person and rewrites the rows whose true dates differ.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('DELETE FROM entitlement_signatures')
    this.schema.alterTable('entitlement_signatures', (table) => {
      table.dropColumn('horizon_from')
    })
    this.schema.alterTable('entitlement_runs', (table) => {
      table.dropColumn('horizon_from')
      table.dropColumn('horizon_to')
    })
  }

  async down() {
    this.schema.raw('DELETE FROM entitlement_signatures')
    this.schema.alterTable('entitlement_signatures', (table) => {
      table.date('horizon_from').notNullable()
    })
    this.schema.alterTable('entitlement_runs', (table) => {
      table.date('horizon_from').nullable()
      table.date('horizon_to').nullable()
    })
  }
}
