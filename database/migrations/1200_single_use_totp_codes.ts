import { BaseSchema } from '@adonisjs/lucid/schema'

/** The last TOTP time step a user logged in with: a code is accepted once, never again. */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.bigInteger('totp_last_step').nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('totp_last_step')
    })
  }
}
