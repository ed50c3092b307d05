import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class OfflineListRefresh extends BaseCommand {
  static commandName = 'offline-list:refresh'
  static description = 'Refresh providers’ offline lists now (what the job does after changes)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Only this provider tenant id' })
  declare provider: number | undefined

  async run() {
    const { default: RefreshOfflineListsJob } =
      await import('#decisions/jobs/refresh_offline_lists_job')
    const results = await new RefreshOfflineListsJob().handle({
      tenantId: null,
      providerTenantId: this.provider,
    })
    for (const result of results) {
      this.logger.info(
        `provider ${result.providerTenantId}: ${result.changed} entries added or changed, ${result.removed} removed`
      )
    }
  }
}
