import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('api_clients', (table) => {
      table.increments('id')
      table.string('owner_type', 20).notNullable()
      table.integer('owner_id').notNullable()
      table.integer('tenant_id').nullable().references('tenants.id').onDelete('RESTRICT')
      table.string('name', 100).notNullable()
      table.string('client_id', 64).notNullable().unique()
      table.string('secret_hash', 64).notNullable()
      // Bumped on every rotation: tokens carry it, so a rotation also ends older tokens.
      table.integer('secret_generation').notNullable().defaultTo(1)
      table.jsonb('scopes').notNullable().defaultTo('[]')
      table.integer('rate_limit_per_minute').notNullable().defaultTo(600)
      table.timestamp('last_used_at', { useTz: true }).nullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id'])
      table.index(['owner_type', 'owner_id'])
    })
    this.schema.raw(`
      ALTER TABLE api_clients
        ADD CONSTRAINT api_clients_owner_type_check
          CHECK (owner_type IN ('tenant', 'data_source')),
        ADD CONSTRAINT api_clients_tenant_owner_check
          CHECK (
            (owner_type = 'tenant' AND tenant_id IS NOT NULL AND tenant_id = owner_id)
            OR (owner_type = 'data_source' AND tenant_id IS NULL)
          ),
        ADD CONSTRAINT api_clients_rate_limit_check
          CHECK (rate_limit_per_minute BETWEEN 1 AND 100000),
        ADD CONSTRAINT api_clients_scopes_array_check
          CHECK (jsonb_typeof(scopes) = 'array')
    `)
  }

  async down() {
    this.schema.dropTableIfExists('api_clients')
  }
}
