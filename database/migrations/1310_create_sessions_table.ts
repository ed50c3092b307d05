import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side web sessions: the cookie carries only the id, so a session ends
 * when its row is deleted (logout, password reset, role change, timeouts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sessions', (table) => {
      table.string('id', 64).primary()
      table.integer('user_id').nullable().references('users.id').onDelete('CASCADE')
      table.text('data').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('last_seen_at', { useTz: true }).notNullable()
      table.index(['user_id'])
      table.index(['last_seen_at'])
    })
  }

  async down() {
    this.schema.dropTable('sessions')
  }
}
