import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const SOURCE = 'pmlp'

/**
 * The demo's synthetic population: on an empty register, generates persons with a fixed seed,
 * imports them through the real import path (`registers:import`) and runs the entitlement
 * engine (`entitlements:evaluate --all`), so that search, explanations, runs and the grantor API
 * have data at once. Writes a few personal codes to try into `<out>/sample_codes.json`.
 */
export default class DemoPopulation extends BaseCommand {
  static commandName = 'demo:population'
  static description = 'Load a synthetic demo population into an empty register and evaluate it'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'Number of persons', default: 20_000 })
  declare persons: number

  @flags.string({ description: 'Seed of the random generator', default: 'atvieglo-demo' })
  declare seed: string

  @flags.string({ description: 'Where the generated files go', default: 'storage/demo-population' })
  declare out: string

  async run() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { todayInRiga } = await import('#platform/calendar/today_in_riga')
    const { pickSampleCodes } = await import('#registers/population/sample_codes')
    const { writeFile } = await import('node:fs/promises')
    const { join } = await import('node:path')

    const loaded = await db.from('persons').select('id').first()
    if (loaded) {
      this.logger.info(
        'The register already holds persons: the demo population is not loaded again'
      )
      return
    }

    const today = todayInRiga()
    this.logger.info(`Generating ${this.persons} persons (seed "${this.seed}", as of ${today})`)
    await this.#exec('population:generate', [
      `--persons=${this.persons}`,
      `--seed=${this.seed}`,
      `--out=${this.out}`,
      `--as-of=${today}`,
    ])

    if (!(await db.from('data_sources').where('code', SOURCE).first())) {
      const { default: CreateDataSource } = await import('#registers/actions/create_data_source')
      const { registrableAttributes } = await import('#registers/import/import_catalogue')
      await new CreateDataSource().handle({
        code: SOURCE,
        name: 'Fizisko personu reģistrs (demo)',
        description: 'Synthetic population of the demo installation',
        allowedAttributes: registrableAttributes(),
        deliversPersons: true,
        deliversIdentifiers: true,
      })
    }
    await this.#exec('registers:import', [this.out, `--source=${SOURCE}`, '--mode=snapshot'])
    await this.#exec('entitlements:evaluate', ['--all'])

    const samples = await pickSampleCodes(this.out, today)
    await writeFile(join(this.out, 'sample_codes.json'), JSON.stringify(samples, null, 2))
    for (const sample of samples) this.logger.info(`${sample.label}: ${sample.personalCode}`)
  }

  async #exec(command: string, argv: string[]) {
    const result = await this.kernel.exec(command, argv)
    if (result.exitCode !== 0) {
      throw new Error(`"${command}" failed while loading the demo population`)
    }
  }
}
