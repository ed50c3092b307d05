import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Prints the demo operator's current code from the fixed demo secret the
 * seeder stored. It never opens the database, so it works while `npm run
 * demo` holds the embedded one.
 */
export default class DemoTotp extends BaseCommand {
  static commandName = 'demo:totp'
  static description = "Print the demo platform operator's current two-factor code"
  static options: CommandOptions = { startApp: false }

  async run() {
    const { authenticator } = await import('otplib')
    const { DEMO_OPERATOR_EMAIL, DEMO_OPERATOR_TOTP_SECRET } =
      await import('#database/data/tenants')
    const code = authenticator.generate(DEMO_OPERATOR_TOTP_SECRET)
    const seconds = authenticator.timeRemaining()
    this.logger.log(`${code}  (${DEMO_OPERATOR_EMAIL}, valid for ${seconds} more seconds)`)
  }
}
