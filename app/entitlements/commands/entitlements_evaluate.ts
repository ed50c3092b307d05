import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class EntitlementsEvaluate extends BaseCommand {
  static commandName = 'entitlements:evaluate'
  static description =
    'Evaluate entitlements: --all (every person, every published version) or --changed (persons in the register change log since the last run)'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Evaluate every person against every published version' })
  declare all: boolean

  @flags.boolean({ description: 'Evaluate only the persons changed since the last run' })
  declare changed: boolean

  @flags.boolean({
    description: 'With --all: dispatch the chunks to the queue workers and follow the progress',
  })
  declare queue: boolean

  @flags.number({ description: 'Resume an interrupted run by its id' })
  declare resume?: number

  @flags.number({ description: 'Persons per chunk', default: 20_000 })
  declare chunkSize: number

  async run() {
    const { ProgressBar } = await import('#registers/progress_bar')
    const service = await import('#entitlements/engine/service')
    if (!this.all && !this.changed && this.resume === undefined) {
      this.logger.error('Choose --all, --changed or --resume <run id>')
      this.exitCode = 1
      return
    }
    const started = performance.now()
    if (this.changed) {
      let total = { persons: 0, granted: 0, ended: 0, changed: 0 }
      for (;;) {
        const pass = await service.incrementalPass()
        if (!pass) {
          this.logger.warning('Another incremental run is working; try again in a moment.')
          break
        }
        for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += pass[key]
        if (pass.catalogueChanged) {
          this.logger.info('The catalogue changed since the last run: run --all as well.')
        }
        if (pass.persons === 0) break
      }
      this.summary(total, started)
      return
    }

    let runId = this.resume
    let chunks: number
    if (runId === undefined) {
      if (this.queue) {
        const { default: StartFullRun } = await import('#entitlements/actions/start_full_run')
        ;({ runId, chunks } = await new StartFullRun().handle({ chunkSize: this.chunkSize }))
      } else {
        ;({ runId, chunks } = await service.planFullRun({ chunkSize: this.chunkSize }))
      }
    } else {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const run = await db.from('entitlement_runs').where('id', runId).first()
      if (!run) {
        this.logger.error(`No entitlement run ${runId}`)
        this.exitCode = 1
        return
      }
      chunks = run.chunks_total
    }
    this.logger.info(`Run ${runId}: ${chunks} chunk(s)`)
    const bar = new ProgressBar(chunks, 'chunks')
    if (this.queue) {
      const { default: db } = await import('@adonisjs/lucid/services/db')
      for (;;) {
        const run = await db.from('entitlement_runs').where('id', runId).firstOrFail()
        bar.update(run.chunks_done)
        if (run.status !== 'running') break
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      bar.finish()
    } else {
      const done0 = chunks - (await this.pending(runId))
      await service.runPendingInProcess(runId, (done) => bar.update(done0 + done))
      bar.finish()
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const run = await db.from('entitlement_runs').where('id', runId).firstOrFail()
    this.summary(
      {
        persons: Number(run.persons),
        granted: Number(run.granted),
        ended: Number(run.ended),
        changed: Number(run.changed),
      },
      started,
      run.status
    )
  }

  async pending(runId: number) {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const row = await db
      .from('entitlement_run_chunks')
      .where('run_id', runId)
      .whereNull('done_at')
      .count('* as n')
      .first()
    return Number(row?.n ?? 0)
  }

  summary(
    total: { persons: number; granted: number; ended: number; changed: number },
    started: number,
    status?: string
  ) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    const table = this.ui.table()
    table.head(['persons', 'granted', 'ended', 'changed', 'seconds', ...(status ? ['status'] : [])])
    table.row([
      String(total.persons),
      String(total.granted),
      String(total.ended),
      String(total.changed),
      seconds,
      ...(status ? [status] : []),
    ])
    table.render()
  }
}
