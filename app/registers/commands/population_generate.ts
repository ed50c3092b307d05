import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class PopulationGenerate extends BaseCommand {
  static commandName = 'population:generate'
  static description =
    'Write a synthetic, realistic population of Latvia as register exchange files (same seed, same bytes)'
  static options: CommandOptions = { startApp: false }

  @flags.number({ description: 'Number of persons', default: 1000 })
  declare persons: number

  @flags.string({ description: 'Seed of the random generator', default: 'atvieglo' })
  declare seed: string

  @flags.string({ description: 'Output directory', default: 'storage/population' })
  declare out: string

  @flags.string({
    description: 'Reference date YYYY-MM-DD (fixed by default so files are reproducible)',
  })
  declare asOf?: string

  @flags.number({ description: 'Plant this many invalid rows for import tests', default: 0 })
  declare badRows: number

  async run() {
    const { generatePopulation, DEFAULT_AS_OF } =
      await import('#registers/population/generate_population')
    const { ProgressBar } = await import('#registers/progress_bar')
    if (!Number.isInteger(this.persons) || this.persons < 0) {
      this.logger.error('--persons must be a whole number ≥ 0')
      this.exitCode = 1
      return
    }
    if (!Number.isInteger(this.badRows) || this.badRows < 0) {
      this.logger.error('--bad-rows must be a whole number ≥ 0')
      this.exitCode = 1
      return
    }
    const asOf = this.asOf ?? DEFAULT_AS_OF
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      this.logger.error('--as-of must be a date YYYY-MM-DD')
      this.exitCode = 1
      return
    }
    const bar = new ProgressBar(this.persons, 'persons')
    const started = performance.now()
    const summary = await generatePopulation({
      persons: this.persons,
      seed: this.seed,
      outDir: this.out,
      asOf,
      badRows: this.badRows,
      onProgress: (done) => bar.update(done),
    })
    bar.finish()
    const seconds = (performance.now() - started) / 1000
    this.logger.success(
      `Wrote ${summary.persons} persons, ${summary.facts} facts and ${summary.identifiers} identifiers to ${this.out} in ${seconds.toFixed(1)} s (seed "${this.seed}", as of ${asOf})`
    )
    if (summary.plantedBadRows.length > 0) {
      this.logger.info(
        `Planted ${summary.plantedBadRows.length} bad rows, listed in ${this.out}/planted_bad_rows.csv`
      )
    }
  }
}
