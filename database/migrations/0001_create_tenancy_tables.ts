import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('tenants', (table) => {
      table.increments('id')
      table.string('kind', 32).notNullable()
      table.string('name', 200).notNullable()
      table.string('registration_number', 11).notNullable().unique()
      table.string('contact_email', 254).notNullable()
      table.string('contact_phone', 40).nullable()
      table.string('status', 16).notNullable().defaultTo('active')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.raw(
      "ALTER TABLE tenants ADD CONSTRAINT tenants_kind_check CHECK (kind IN ('state_grantor','municipality','merchant','service_provider','platform_operator'))"
    )
    this.schema.raw(
      "ALTER TABLE tenants ADD CONSTRAINT tenants_status_check CHECK (status IN ('active','suspended'))"
    )

    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('full_name', 200).notNullable()
      table.string('password').nullable()
      table.string('locale', 5).notNullable().defaultTo('lv')
      table.boolean('is_platform_operator').notNullable().defaultTo(false)
      table.text('totp_secret').nullable()
      table.timestamp('totp_enabled_at', { useTz: true }).nullable()
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('memberships', (table) => {
      table.increments('id')
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.string('role', 32).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'user_id'])
      table.index(['tenant_id'])
      table.index(['user_id'])
    })
    this.schema.raw(
      "ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('tenant_admin','benefit_manager','analyst','provider_operator','auditor'))"
    )

    this.schema.createTable('tenant_plugins', (table) => {
      table.increments('id')
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('plugin_id', 64).notNullable()
      table.jsonb('settings').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['tenant_id', 'plugin_id'])
    })

    this.schema.createTable('invitations', (table) => {
      table.increments('id')
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.string('full_name', 200).notNullable()
      table.string('role', 32).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.integer('invited_by_user_id').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['tenant_id'])
    })

    this.schema.createTable('password_reset_tokens', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('users.id').onDelete('CASCADE')
      table.string('token_hash', 64).notNullable().unique()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('used_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })
  }

  async down() {
    for (const name of [
      'rate_limits',
      'password_reset_tokens',
      'invitations',
      'tenant_plugins',
      'memberships',
      'users',
      'tenants',
    ]) {
      this.schema.dropTableIfExists(name)
    }
  }
}
