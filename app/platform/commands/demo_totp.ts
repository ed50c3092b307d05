import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class DemoTotp extends BaseCommand {
  static commandName = 'demo:totp'
  static description = "Print the demo platform operator's current two-factor code"
  static options: CommandOptions = { startApp: true }

  async run() {
    const { authenticator } = await import('otplib')
    const { default: encryption } = await import('@adonisjs/core/services/encryption')
    const { default: User } = await import('#tenancy/models/user')
    const { DEMO_OPERATOR_EMAIL } = await import('#database/data/tenants')

    const user = await User.findBy('email', DEMO_OPERATOR_EMAIL)
    const secret = user?.totpSecret ? encryption.decrypt<string>(user.totpSecret) : null
    if (!secret) {
      this.logger.error(
        `No demo operator with TOTP found (${DEMO_OPERATOR_EMAIL}). Run node ace db:seed first.`
      )
      this.exitCode = 1
      return
    }
    const seconds = authenticator.timeRemaining()
    this.logger.log(
      `${authenticator.generate(secret)}  (${DEMO_OPERATOR_EMAIL}, valid ${seconds} s more)`
    )
  }
}
