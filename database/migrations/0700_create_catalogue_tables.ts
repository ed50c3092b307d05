import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The benefit catalogue: benefits and their dated versions with rule
 * scenarios, person groups, providers' services and grantor–provider
 * contracts. Every table is tenant-owned (`tenant_id NOT NULL`, indexed).
 */
export default class extends BaseSchema {
  async up() {
    const timestamps = (table: any) => {
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    }
    const tenant = (table: any) =>
      table.integer('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')

    this.schema.createTable('benefits', (table) => {
      table.increments('id')
      tenant(table)
      table.string('code', 64).notNullable()
      table.string('sector', 32).notNullable()
      table.string('visibility', 16).notNullable().defaultTo('public')
      timestamps(table)
      table.unique(['tenant_id', 'code'])
      table.index(['tenant_id'])
    })
    this.schema.raw(
      "ALTER TABLE benefits ADD CONSTRAINT benefits_visibility_check CHECK (visibility IN ('public','internal'))"
    )

    this.schema.createTable('benefit_versions', (table) => {
      table.increments('id')
      tenant(table)
      table.integer('benefit_id').notNullable().references('benefits.id').onDelete('CASCADE')
      table.integer('version').notNullable()
      table.date('effective_from').notNullable()
      table.date('effective_to').nullable()
      table.string('status', 16).notNullable().defaultTo('draft')
      table.string('name_lv', 200).notNullable()
      table.string('name_en', 200).notNullable()
      table.text('description_lv').notNullable()
      table.text('description_en').notNullable()
      table.string('legal_act', 300).nullable()
      table.string('legal_point', 100).nullable()
      table.string('legal_url', 500).nullable()
      table.text('programme_terms').nullable()
      table.string('form', 16).notNullable()
      table.integer('value').nullable()
      table.jsonb('service_codes').notNullable().defaultTo('[]')
      table.jsonb('municipalities').notNullable().defaultTo('[]')
      table.jsonb('weekdays').notNullable().defaultTo('[]')
      table.jsonb('time_windows').notNullable().defaultTo('[]')
      table.jsonb('specific_dates').notNullable().defaultTo('[]')
      table.integer('limit_per_day').nullable()
      table.integer('limit_per_month').nullable()
      table.integer('priority').notNullable().defaultTo(100)
      table.string('combination_policy', 16).notNullable().defaultTo('exclusive')
      table.bigInteger('budget_cents').nullable()
      table.string('budget_period', 8).nullable()
      table.text('rule').notNullable()
      table.jsonb('rule_references').notNullable().defaultTo('{}')
      table.jsonb('scenario_results').nullable()
      table.boolean('scenarios_passed').nullable()
      table.jsonb('extra').notNullable().defaultTo('{}')
      table.integer('author_id').nullable().references('users.id').onDelete('SET NULL')
      table.string('author_label', 254).notNullable()
      table.integer('submitted_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.integer('published_by').nullable().references('users.id').onDelete('SET NULL')
      table.string('published_by_label', 254).nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      timestamps(table)
      table.unique(['benefit_id', 'version'])
      table.index(['tenant_id'])
      table.index(['benefit_id', 'status'])
    })
    this.schema.raw(
      "ALTER TABLE benefit_versions ADD CONSTRAINT benefit_versions_status_check CHECK (status IN ('draft','in_review','published','suspended','archived'))"
    )
    this.schema.raw(
      "ALTER TABLE benefit_versions ADD CONSTRAINT benefit_versions_form_check CHECK (form IN ('percent','fixed_price','amount_off','free'))"
    )
    this.schema.raw(
      'ALTER TABLE benefit_versions ADD CONSTRAINT benefit_versions_period_check CHECK (effective_to IS NULL OR effective_to >= effective_from)'
    )

    this.schema.createTable('rule_scenarios', (table) => {
      table.increments('id')
      tenant(table)
      table
        .integer('version_id')
        .notNullable()
        .references('benefit_versions.id')
        .onDelete('CASCADE')
      table.integer('position').notNullable().defaultTo(0)
      table.string('name', 200).notNullable()
      table.date('date').notNullable()
      table.jsonb('persons').notNullable().defaultTo('[]')
      timestamps(table)
      table.index(['tenant_id'])
      table.index(['version_id'])
    })

    this.schema.createTable('person_groups', (table) => {
      table.increments('id')
      tenant(table)
      table.string('key', 64).notNullable()
      table.string('name_lv', 200).notNullable()
      table.string('name_en', 200).notNullable()
      table.string('kind', 8).notNullable()
      table.text('rule').nullable()
      timestamps(table)
      table.unique(['tenant_id', 'key'])
      table.index(['tenant_id'])
    })
    this.schema.raw(
      "ALTER TABLE person_groups ADD CONSTRAINT person_groups_kind_check CHECK (kind IN ('rule','list'))"
    )

    this.schema.createTable('person_group_members', (table) => {
      table.increments('id')
      tenant(table)
      table.integer('group_id').notNullable().references('person_groups.id').onDelete('CASCADE')
      table.string('person_code_hash', 64).notNullable()
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      timestamps(table)
      table.unique(['group_id', 'person_code_hash', 'valid_from'])
      table.index(['tenant_id'])
      table.index(['person_code_hash'])
    })

    this.schema.createTable('services', (table) => {
      table.increments('id')
      tenant(table)
      table.string('code', 64).notNullable()
      table.string('name_lv', 200).notNullable()
      table.string('name_en', 200).notNullable()
      table.string('sector', 32).notNullable()
      table.integer('base_price_cents').notNullable()
      timestamps(table)
      table.unique(['tenant_id', 'code'])
      table.index(['tenant_id'])
    })

    this.schema.createTable('contracts', (table) => {
      table.increments('id')
      // The grantor owns the contract; the provider sees it through provider_tenant_id.
      tenant(table)
      table.integer('provider_tenant_id').notNullable().references('tenants.id').onDelete('CASCADE')
      table.string('reference', 64).notNullable()
      table.string('status', 16).notNullable().defaultTo('proposed')
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.string('compensation_method', 24).notNullable()
      table.jsonb('compensation_params').notNullable().defaultTo('{}')
      table.bigInteger('monthly_cap_cents').nullable()
      table.integer('proposed_by').nullable().references('users.id').onDelete('SET NULL')
      table.integer('responded_by').nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('responded_at', { useTz: true }).nullable()
      table.text('response_note').nullable()
      timestamps(table)
      table.unique(['tenant_id', 'reference'])
      table.index(['tenant_id'])
      table.index(['provider_tenant_id'])
    })
    this.schema.raw(
      "ALTER TABLE contracts ADD CONSTRAINT contracts_status_check CHECK (status IN ('proposed','accepted','rejected','ended'))"
    )
    this.schema.raw(
      "ALTER TABLE contracts ADD CONSTRAINT contracts_method_check CHECK (compensation_method IN ('full_difference','flat_per_use','share_of_price'))"
    )

    this.schema.createTable('contract_benefits', (table) => {
      table.increments('id')
      tenant(table)
      table.integer('contract_id').notNullable().references('contracts.id').onDelete('CASCADE')
      table.integer('benefit_id').notNullable().references('benefits.id').onDelete('CASCADE')
      table.unique(['contract_id', 'benefit_id'])
      table.index(['tenant_id'])
    })

    this.schema.createTable('contract_services', (table) => {
      table.increments('id')
      tenant(table)
      table.integer('contract_id').notNullable().references('contracts.id').onDelete('CASCADE')
      table.integer('service_id').notNullable().references('services.id').onDelete('CASCADE')
      table.unique(['contract_id', 'service_id'])
      table.index(['tenant_id'])
    })
  }

  async down() {
    for (const table of [
      'contract_services',
      'contract_benefits',
      'contracts',
      'services',
      'person_group_members',
      'person_groups',
      'rule_scenarios',
      'benefit_versions',
      'benefits',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
