import db from '@adonisjs/lucid/services/db'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { MUNICIPALITIES } from '#registers/municipalities'

/** Reference data: safe to run any number of times (upsert by code). */
export default class MunicipalitiesSeeder extends BaseSeeder {
  async run() {
    await db
      .table('municipalities')
      .insert(
        MUNICIPALITIES.map((m) => ({
          code: m.code,
          name_lv: m.nameLv,
          name_en: m.nameEn,
          kind: m.kind,
          valid_from: m.validFrom,
          valid_to: m.validTo,
          population_approx: m.population,
        }))
      )
      .knexQuery.onConflict('code')
      .merge()
  }
}
