import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class RegistersPull extends BaseCommand {
  static commandName = 'registers:pull'
  static description =
    "Pull changes from a remote register through a plugin's connector, from its stored cursor"
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Connector key, e.g. welfare.disability_decisions_example' })
  declare connector: string

  @flags.boolean({ description: 'Print the summary as one JSON line' })
  declare json: boolean

  async run() {
    const { loadConnector, UnknownConnectorError } =
      await import('#registers/connectors/connectors')
    const { pullConnector } = await import('#registers/connectors/pull_connector')
    const { default: queue } = await import('#platform/services/queue')
    let connector
    try {
      connector = await loadConnector(this.connector)
    } catch (error) {
      if (error instanceof UnknownConnectorError) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
    const started = performance.now()
    const result = await pullConnector(connector, {
      onBatch: (index, totals) =>
        this.logger.info(
          `batch ${index}: ${totals.accepted} accepted, ${totals.unchanged} unchanged so far`
        ),
    })
    // In-process jobs run in this process: let the entitlement pass finish before exiting.
    if (queue.driverName === 'in_process') await queue.onIdle()
    const seconds = (performance.now() - started) / 1000
    if (this.json) process.stdout.write(JSON.stringify({ ...result, seconds }) + '\n')
    this.logger.success(
      `${result.connector}: ${result.batches} batches in ${seconds.toFixed(1)} s, ` +
        `${result.accepted} accepted, ${result.unchanged} unchanged, ${result.rejected.length} rejected; cursor ${result.cursor ?? '(none)'}`
    )
    for (const row of result.rejected.slice(0, 20)) {
      this.logger.warning(
        `batch ${row.batch} ${row.kind}[${row.index}] ${row.field ?? ''}: ${row.reason}`
      )
    }
  }
}
