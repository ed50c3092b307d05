import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class OfflineListVerify extends BaseCommand {
  static commandName = 'offline-list:verify'
  static description =
    'Verify a saved offline list (the JSON GET /api/v1/offline-list answered): its Ed25519 signature under a trusted key'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'The saved list (JSON file)' })
  declare file: string

  @flags.array({
    description:
      'Trusted public key: a PEM file or base64 SPKI DER (repeatable). Default: this platform’s current and retired keys',
  })
  declare publicKey: string[] | undefined

  async run() {
    const { existsSync, readFileSync } = await import('node:fs')
    const { parseListKey, publishedListKeys } =
      await import('#decisions/offline_lists/list_signing_keys')
    const { verifyOfflineList } = await import('#decisions/offline_lists/verify_offline_list')
    const trusted = this.publicKey?.length
      ? this.publicKey.map((given) =>
          parseListKey(existsSync(given) ? readFileSync(given, 'utf8') : given, 'public')
        )
      : publishedListKeys().map((key) => parseListKey(key.public_key, 'public'))
    const result = verifyOfflineList(readFileSync(this.file, 'utf8'), trusted)
    if (!result.ok) {
      this.logger.error(`Offline list NOT valid: ${result.reason}`)
      this.exitCode = 1
      return
    }
    const { list } = result
    this.logger.success(
      `Offline list valid: signed by key ${result.keyId}; ${list.kind} list of provider ${list.provider}, sequence ${list.sequence}, ${list.entries.length} entries, ${list.removed.length} removed`
    )
  }
}
