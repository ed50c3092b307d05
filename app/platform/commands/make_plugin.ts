import { readFile } from 'node:fs/promises'
import { BaseCommand, args } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ScaffoldError, scaffoldPlugin } from '#platform/plugins/scaffold_plugin'

export default class MakePlugin extends BaseCommand {
  static commandName = 'make:plugin'
  static description = 'Create a sector plugin in plugins/<id>'
  static options: CommandOptions = {}

  @args.string({ description: 'Plugin id: lowercase letters a–z, digits and dashes' })
  declare id: string

  async run() {
    const packageJson = JSON.parse(await readFile(this.app.makePath('package.json'), 'utf8'))
    try {
      const files = await scaffoldPlugin({
        id: this.id,
        root: this.app.makePath(),
        coreVersion: packageJson.version,
      })
      for (const file of files) this.logger.action(`create ${file}`).succeeded()
    } catch (error) {
      if (!(error instanceof ScaffoldError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
      return
    }

    this.logger.log('')
    this.logger.info(`Enable it: add '${this.id}' to "enabled" in config/plugins.ts:`)
    this.logger.log(`    enabled: [..., '${this.id}'],`)
    this.logger.log(
      'Then run `node ace codegen` (page and route types), `node ace migration:run` if it has migrations,'
    )
    this.logger.log(
      `enable it for a tenant in the operator portal and open /${this.id}, its attributes page. Its own tests go in plugins/${this.id}/tests/.`
    )
  }
}
