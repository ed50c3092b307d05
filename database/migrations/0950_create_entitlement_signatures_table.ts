import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Per person, a hash of the entitlements the engine last computed and stored for them (see
 * PersonEvaluator.signature), with the start of the horizon it was computed for. A run skips
 * a person whose computed signature equals the stored one without reading their stored
 * entitlements; every engine write (full, incremental, manual decisions) updates it in the
 * same transaction. A person without a row is simply diffed, so the table may be emptied at
 * any time (and must be, with the entitlements it describes).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('entitlement_signatures', (table) => {
      table.bigInteger('person_id').primary()
      table.bigInteger('signature').notNullable()
      table.date('horizon_from').notNullable()
    })
  }

  async down() {
    this.schema.dropTableIfExists('entitlement_signatures')
  }
}
