import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A full run writes millions of entitlements; two things cost it without serving a reader:
 * - the (tenant_id, benefit_id) index: every query selects a person's rows (the partial person
 *   index). 6.8 M rows fall into ~50 keys, and each insert rewrote a deduplicated posting list
 *   (26.4 s vs 18.6 s for the same rows without it);
 * - `explanation` as jsonb: it is stored for people to read and never queried inside, and jsonb
 *   parses every value into a tree (2.5× the cost of json's syntax check).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('entitlements', (table) => {
      table.dropIndex(['tenant_id', 'benefit_id'])
    })
    this.schema.raw(`ALTER TABLE entitlements ALTER COLUMN explanation DROP DEFAULT`)
    this.schema.raw(
      `ALTER TABLE entitlements ALTER COLUMN explanation TYPE json USING explanation::json`
    )
    this.schema.raw(`ALTER TABLE entitlements ALTER COLUMN explanation SET DEFAULT '{}'::json`)
  }

  async down() {
    this.schema.raw(`ALTER TABLE entitlements ALTER COLUMN explanation DROP DEFAULT`)
    this.schema.raw(
      `ALTER TABLE entitlements ALTER COLUMN explanation TYPE jsonb USING explanation::jsonb`
    )
    this.schema.raw(`ALTER TABLE entitlements ALTER COLUMN explanation SET DEFAULT '{}'::jsonb`)
    this.schema.alterTable('entitlements', (table) => {
      table.index(['tenant_id', 'benefit_id'])
    })
  }
}
