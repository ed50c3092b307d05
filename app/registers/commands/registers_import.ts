import { BaseCommand, args, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class RegistersImport extends BaseCommand {
  static commandName = 'registers:import'
  static description =
    'Import a register file set (persons.csv, facts.csv, identifiers.csv) for a data source'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: 'Directory holding the file set' })
  declare dir: string

  @flags.string({ description: 'Code of the data source delivering the files', required: true })
  declare source: string

  @flags.string({ description: 'snapshot (absent facts end) or delta (only adds and changes)' })
  declare mode?: string

  @flags.string({ description: 'Day the batch describes, YYYY-MM-DD (default today in Riga)' })
  declare batchDate?: string

  @flags.boolean({ description: 'Print the summary as one JSON line (for scripts and the bench)' })
  declare json: boolean

  async run() {
    const { importFileSet, importSourceByCode, ImportError } =
      await import('#registers/import/import_file_set')
    const { default: cliProgress } = await import('cli-progress')
    const mode = this.mode ?? 'delta'
    if (mode !== 'snapshot' && mode !== 'delta') {
      this.logger.error('--mode must be snapshot or delta')
      this.exitCode = 1
      return
    }
    if (this.batchDate && !/^\d{4}-\d{2}-\d{2}$/.test(this.batchDate)) {
      this.logger.error('--batch-date must be a date YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const bar = new cliProgress.SingleBar(
      {
        format: '{phase} [{bar}] {percentage}% · {rows} rows · {rate} rows/s · ETA {eta_formatted}',
        stream: process.stderr,
        hideCursor: true,
        noTTYOutput: !process.stderr.isTTY,
        notTTYSchedule: 5000,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic
    )
    const started = performance.now()
    let barStarted = false
    const number = (n: number) => Math.round(n).toLocaleString('en-US')
    try {
      const result = await importFileSet(this.dir, {
        source: await importSourceByCode(this.source),
        mode,
        batchDate: this.batchDate,
        origin: 'cli',
        onProgress: (progress) => {
          const seconds = (performance.now() - started) / 1000
          const payload = {
            phase: progress.phase === 'loading' ? `load ${progress.file ?? ''}` : 'apply',
            rows: number(progress.rowsRead),
            rate: number(progress.rowsRead / Math.max(seconds, 0.001)),
          }
          if (!barStarted) {
            bar.start(Math.max(progress.bytesTotal, 1), 0, payload)
            barStarted = true
          }
          bar.update(progress.bytesDone, payload)
        },
      })
      if (barStarted) bar.stop()
      const seconds = (performance.now() - started) / 1000
      const peakRss = process.resourceUsage().maxRSS * 1024
      if (this.json) {
        process.stdout.write(JSON.stringify({ ...result, seconds, peakRss }) + '\n')
      }
      this.logger.success(
        `Import ${result.importId} (${mode}) finished in ${seconds.toFixed(1)} s: ` +
          `${number(result.accepted)} accepted, ${number(result.unchanged)} unchanged, ${number(result.rejected)} rejected`
      )
      const table = this.ui.table()
      table.head([
        'file',
        'rows',
        'accepted',
        'unchanged',
        'rejected',
        'created',
        'updated',
        'ended',
      ])
      for (const [file, s] of Object.entries(result.files)) {
        table.row([
          file,
          number(s.rows),
          number(s.accepted),
          number(s.unchanged),
          number(s.rejected),
          number(s.created),
          number(s.updated),
          number(s.ended),
        ])
      }
      table.render()
      if (result.errorReportPath) this.logger.info(`Error report: ${result.errorReportPath}`)
      await this.#notifyEntitlements(result.changeLogEntries)
    } catch (error) {
      if (barStarted) bar.stop()
      if (error instanceof ImportError) {
        this.logger.error(error.message)
        this.exitCode = 1
        return
      }
      throw error
    }
  }

  /**
   * With BullMQ the listeners' jobs run in a worker at once; an in-process queue would die with
   * this process right after the import, so the user is told what to run instead.
   */
  async #notifyEntitlements(changeLogEntries: number) {
    if (changeLogEntries <= 0) return
    const { default: queue } = await import('#platform/services/queue')
    if (queue.driverName === 'bullmq') {
      const { announceFactsChanged } = await import('#registers/events/announce_facts_changed')
      await announceFactsChanged('import', changeLogEntries)
      this.logger.info('Queued the incremental entitlement pass.')
    } else {
      this.logger.info('Entitlements: run `node ace entitlements:evaluate --changed` to apply.')
    }
  }
}
