import { BaseTransformer } from '@adonisjs/core/transformers'
import type Benefit from '#catalogue/models/benefit'
import { todayInRiga } from '#platform/calendar/today_in_riga'
import { versionInForce } from '#catalogue/queries/get_benefit'

/** A benefit in the catalogue list: its names from the latest version, and every version's status. */
export default class BenefitTransformer extends BaseTransformer<Benefit> {
  toObject() {
    const versions = this.resource.versions ?? []
    const latest = versions[versions.length - 1]
    const current = versionInForce(versions, todayInRiga())
    return {
      id: this.resource.id,
      code: this.resource.code,
      sector: this.resource.sector,
      visibility: this.resource.visibility,
      nameLv: latest?.nameLv ?? '',
      nameEn: latest?.nameEn ?? '',
      latestStatus: latest?.status ?? 'draft',
      currentVersion: current?.version ?? null,
      versions: versions.map((v) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo,
      })),
    }
  }
}
