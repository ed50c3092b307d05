import type { ApplicationService } from '@adonisjs/core/types'
import type { QueueConfig } from '#config/queue'
import { JobRunner } from '#platform/jobs/job_runner'
import { QueueService } from '#platform/jobs/queue_service'
import { BullMQDriver } from '#platform/jobs/drivers/bullmq_driver'
import { InProcessDriver } from '#platform/jobs/drivers/in_process_driver'
import { jobMailMessenger } from '#platform/mail/job_messenger'
import { startSchedules } from '#platform/jobs/schedules'

declare module '@adonisjs/core/types' {
  interface ContainerBindings {
    queue: QueueService
  }
}

/**
 * Registers the `queue` singleton, routes `mail.sendLater` through it, runs
 * the inline BullMQ worker in the web process (QUEUE_WORKER=inline) and
 * closes everything on shutdown.
 */
export default class QueueProvider {
  #queue?: QueueService

  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.singleton('queue', async () => {
      const config = this.app.config.get<QueueConfig>('queue')
      const logger = await this.app.container.make('logger')
      const runner = new JobRunner(this.app)
      const driver = config.redisUrl
        ? new BullMQDriver(runner, logger, {
            redisUrl: config.redisUrl,
            prefix: config.prefix,
            attempts: config.attempts,
            concurrency: config.concurrency,
            queues: config.queues,
            obliterateOnClose: this.app.inTest && config.prefix.startsWith('atvieglo-test-'),
          })
        : new InProcessDriver(runner, logger, { attempts: config.attempts })
      this.#queue = new QueueService(config.driver, driver)
      return this.#queue
    })
  }

  async start() {
    const mail = await this.app.container.make('mail.manager')
    mail.setMessenger((mailer) =>
      jobMailMessenger(mailer.name, () => this.app.container.make('queue'))
    )
  }

  async ready() {
    const config = this.app.config.get<QueueConfig>('queue')
    const environment = this.app.getEnvironment()
    if (environment === 'web') await this.#startSchedules()
    if (!['web', 'test'].includes(environment) || config.driver !== 'bullmq') return
    if (config.worker !== 'inline') return
    const queue = await this.app.container.make('queue')
    const logger = await this.app.container.make('logger')
    queue
      .work()
      .catch((error) => logger.error({ err: error }, 'the inline queue worker did not start'))
  }

  /** Periodic jobs of config/queue.ts; a failure is logged, the server still starts. */
  async #startSchedules() {
    const queue = await this.app.container.make('queue')
    const logger = await this.app.container.make('logger')
    await startSchedules(queue, this.app.config.get<QueueConfig>('queue')).catch((error) =>
      logger.error({ err: error }, 'the periodic jobs did not start')
    )
  }

  /** Never throws: a provider whose shutdown throws keeps the process alive. */
  async shutdown() {
    if (!this.#queue) return
    try {
      await this.#queue.close()
    } catch (error) {
      try {
        const logger = await this.app.container.make('logger')
        logger.warn({ err: error }, 'closing the queue failed')
      } catch {}
    }
  }
}
