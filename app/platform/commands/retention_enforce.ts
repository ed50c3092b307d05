import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class RetentionEnforce extends BaseCommand {
  static commandName = 'retention:enforce'
  static description =
    'Delete data older than its retention period (config/retention.ts); --dry-run only counts'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Print what would be deleted, delete nothing' })
  declare dryRun: boolean

  async run() {
    const { default: EnforceRetention } = await import('#platform/retention/enforce_retention')
    const outcomes = await new EnforceRetention().handle({ dryRun: this.dryRun })
    const table = this.ui.table()
    table.head(['category', 'kept (days)', this.dryRun ? 'would be deleted' : 'deleted'])
    for (const outcome of outcomes) {
      table.row([outcome.category, String(outcome.days), String(outcome.rows)])
    }
    table.render()
    this.logger.info(
      'The audit log is kept 10 years and not pruned here: its chain needs a checkpointed archive first.'
    )
    if (this.dryRun) this.logger.info('Dry run: nothing was deleted.')
  }
}
