import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run a standalone BullMQ worker (needs REDIS_URL)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'Queues to consume (default: those in config/queue.ts)' })
  declare queue?: string[]

  async run() {
    const queue = await this.app.container.make('queue')
    if (queue.driverName !== 'bullmq') {
      this.logger.warning('REDIS_URL is not set: jobs run inside the process that dispatches them.')
      this.logger.info('Set REDIS_URL to run jobs on BullMQ workers.')
      await this.terminate()
      return
    }
    const queues = this.queue?.length
      ? this.queue
      : this.app.config.get<string[]>('queue.queues', ['default'])
    await queue.work(queues)
    const { startSchedules } = await import('#platform/jobs/schedules')
    await startSchedules(queue, this.app.config.get('queue'))
    this.logger.success(
      `Worker started on queue(s): ${queues.join(', ')}. Stop it with SIGTERM or Ctrl-C.`
    )
    // The provider closes the worker on terminate.
    const stop = () => this.terminate()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
}
