import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class OfflineListRotateKey extends BaseCommand {
  static commandName = 'offline-list:rotate-key'
  static description =
    'Sign offline lists with a new Ed25519 key from now on; the old public key stays published'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { rotateListSigningKey } = await import('#decisions/offline_lists/list_signing_keys')
    const { retired, current } = rotateListSigningKey()
    this.logger.success(
      `Key ${retired} retired (still published); lists are now signed by ${current}`
    )
    this.logger.info('With several web nodes, copy storage/keys/offline_list/ to each one.')
  }
}
