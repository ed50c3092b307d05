import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The incremental worker: polls the register change log (and group changes, publications)
 * and re-evaluates the persons concerned, so a pushed fact change reaches the stored
 * entitlements within about a second.
 */
export default class EntitlementsFollow extends BaseCommand {
  static commandName = 'entitlements:follow'
  static description =
    'Keep entitlements current: re-evaluate persons named by the register change log as it grows'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Milliseconds between polls', default: 200 })
  declare interval: number

  async run() {
    const service = await import('#entitlements/engine/service')
    const { default: StartFullRun } = await import('#entitlements/actions/start_full_run')
    let stopped = false
    const stop = () => {
      stopped = true
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    this.logger.info('Following the register change log; stop with Ctrl-C.')
    // One audit row for the worker's life: each pass is cross-tenant engine work.
    await service.engineAccess('follow the register change log', () =>
      this.follow(service, StartFullRun, () => stopped)
    )
    await this.terminate()
  }

  async follow(
    service: typeof import('#entitlements/engine/service'),
    StartFullRun: typeof import('#entitlements/actions/start_full_run').default,
    stopped: () => boolean
  ) {
    while (!stopped()) {
      try {
        const pass = await service.incrementalPass()
        if (pass?.catalogueChanged) await new StartFullRun().handle({ kind: 'full' })
        if (pass && pass.persons > 0) {
          this.logger.info(
            `${pass.persons} person(s): +${pass.granted} −${pass.ended} ~${pass.changed}`
          )
        }
        if (pass && pass.persons > 0) continue
      } catch (error) {
        this.logger.error(String(error))
      }
      await new Promise((resolve) => setTimeout(resolve, this.interval))
    }
  }
}
